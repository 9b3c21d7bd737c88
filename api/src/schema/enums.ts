// The domain's enums, registered once from the Prisma client's own values so the two never drift.
import {
  ActionStatus,
  AssessmentKind,
  AttendanceStatus,
  CoachingPhase,
  DocumentKind,
  FeedbackKind,
  GoalOwnerKind,
  GoalStatus,
  GroupKind,
  GroupRole,
  Proficiency,
  SchoolRole,
  SessionStatus,
  SupportTier,
} from "../generated/prisma/enums.ts";
import { API_SCOPES } from "../policies/scopes.ts";
import { API_SCOPE_DESCRIPTIONS } from "../policies/scopes.ts";
import { builder } from "./builder.ts";

export const SchoolRoleEnum = builder.enumType(SchoolRole, { name: "SchoolRole" });
export const GroupKindEnum = builder.enumType(GroupKind, { name: "GroupKind" });
export const GroupRoleEnum = builder.enumType(GroupRole, { name: "GroupRole" });
export const SessionStatusEnum = builder.enumType(SessionStatus, { name: "SessionStatus" });
export const AttendanceStatusEnum = builder.enumType(AttendanceStatus, { name: "AttendanceStatus" });
export const DocumentKindEnum = builder.enumType(DocumentKind, { name: "DocumentKind" });
export const FeedbackKindEnum = builder.enumType(FeedbackKind, { name: "FeedbackKind" });
export const GoalOwnerKindEnum = builder.enumType(GoalOwnerKind, { name: "GoalOwnerKind" });
export const GoalStatusEnum = builder.enumType(GoalStatus, { name: "GoalStatus" });
export const ActionStatusEnum = builder.enumType(ActionStatus, { name: "ActionStatus" });
export const SupportTierEnum = builder.enumType(SupportTier, { name: "SupportTier" });
export const CoachingPhaseEnum = builder.enumType(CoachingPhase, { name: "CoachingPhase" });
export const ProficiencyEnum = builder.enumType(Proficiency, { name: "Proficiency" });
export const AssessmentKindEnum = builder.enumType(AssessmentKind, {
  name: "AssessmentKind",
  description: "What an assessment is for: PRE before teaching a standard, POST after it, COMMON (the PLC's common assessment), FORMATIVE (a quick check).",
});

export const ApiScopeEnum = builder.enumType("ApiScope", {
  values: Object.fromEntries(API_SCOPES.map((s) => [s, { value: s, description: API_SCOPE_DESCRIPTIONS[s] }])) as {
    [K in (typeof API_SCOPES)[number]]: { value: K; description: string };
  },
});
