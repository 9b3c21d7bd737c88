// One factory per Prisma model: a row with sensible defaults, any column overridable (typed as
// Prisma's own create input), the row it wrote returned typed. The columns a row cannot exist
// without (its parents) are required; everything else has a default, with unique names and
// emails so factories can be called many times against one database.
//
//   const make = factories(app.db.prisma);
//   const doc = await make.document({ groupId: fx.peerGroupId, creatorId: fx.people.peerMember.id });
//
// Tests that must show the API's own behaviour create through GraphQL; factories are for the
// rows a test needs to exist before it starts.
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@staffroom/api/prisma";
import * as Y from "yjs";

/** `K` required, every other column optional. */
type Needs<Input, K extends keyof Input> = Pick<Input, K> & Partial<Omit<Input, K>>;

let made = 0;
/** A short label unique in this process (and very likely across parallel files). */
function unique(label: string): string {
  made += 1;
  return `${label}-${made}-${randomUUID().slice(0, 6)}`;
}

/** The state of an empty Yjs document: a valid `state`/`update` for a row that needs one. */
export function emptyDocumentState(): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Y.encodeStateAsUpdate(new Y.Doc()));
}

export const DEFAULT_STARTS_AT = new Date("2030-01-15T15:00:00Z");

export function factories(prisma: PrismaClient) {
  return {
    school: (data: Partial<Prisma.SchoolUncheckedCreateInput> = {}) => {
      const slug = unique("school");
      return prisma.school.create({ data: { name: `School ${slug}`, slug, ...data } });
    },
    user: (data: Partial<Prisma.UserUncheckedCreateInput> = {}) => {
      const label = unique("user");
      return prisma.user.create({ data: { email: `${label}@example.test`, name: `Teacher ${label}`, passwordHash: "scrypt$unused-in-factories", ...data } });
    },
    schoolMember: (data: Needs<Prisma.SchoolMemberUncheckedCreateInput, "schoolId" | "userId">) =>
      prisma.schoolMember.create({ data: { role: "TEACHER", ...data } }),
    authSession: (data: Needs<Prisma.AuthSessionUncheckedCreateInput, "userId">) =>
      prisma.authSession.create({ data: { tokenHash: randomUUID(), expiresAt: new Date(Date.now() + 3600_000), ...data } }),
    pendingSignUp: (data: Partial<Prisma.PendingSignUpUncheckedCreateInput> = {}) => {
      const label = unique("sign-up");
      return prisma.pendingSignUp.create({
        data: {
          email: `${label}@example.test`,
          name: `Newcomer ${label}`,
          passwordHash: "scrypt$unused-in-factories",
          tokenHash: randomUUID(),
          expiresAt: new Date(Date.now() + 3600_000),
          ...data,
        },
      });
    },
    passwordReset: (data: Needs<Prisma.PasswordResetUncheckedCreateInput, "userId">) =>
      prisma.passwordReset.create({ data: { tokenHash: randomUUID(), expiresAt: new Date(Date.now() + 3600_000), ...data } }),
    invitation: (data: Needs<Prisma.InvitationUncheckedCreateInput, "schoolId">) =>
      prisma.invitation.create({
        data: {
          email: `${unique("invited")}@example.test`,
          role: "TEACHER",
          tokenHash: randomUUID(),
          expiresAt: new Date(Date.now() + 14 * 86_400_000),
          ...data,
        },
      }),
    schoolSignOnProvider: (data: Needs<Prisma.SchoolSignOnProviderUncheckedCreateInput, "schoolId">) =>
      prisma.schoolSignOnProvider.create({
        data: { issuer: "https://accounts.example.test", clientId: unique("client"), clientSecret: "client-secret", allowedDomains: ["example.test"], ...data },
      }),
    signOnAttempt: (data: Needs<Prisma.SignOnAttemptUncheckedCreateInput, "schoolId">) =>
      prisma.signOnAttempt.create({
        data: {
          stateHash: randomUUID(),
          browserKeyHash: randomUUID(),
          nonce: randomUUID(),
          codeVerifier: randomUUID(),
          expiresAt: new Date(Date.now() + 600_000),
          ...data,
        },
      }),
    signOnHandoff: (data: Needs<Prisma.SignOnHandoffUncheckedCreateInput, "userId">) =>
      prisma.signOnHandoff.create({ data: { codeHash: randomUUID(), expiresAt: new Date(Date.now() + 60_000), ...data } }),
    apiToken: (data: Needs<Prisma.ApiTokenUncheckedCreateInput, "userId" | "schoolId">) =>
      prisma.apiToken.create({ data: { name: unique("token"), prefix: "sra_test", tokenHash: randomUUID(), ...data } }),
    group: (data: Needs<Prisma.GroupUncheckedCreateInput, "schoolId">) =>
      prisma.group.create({ data: { kind: "PEER", name: `Group ${unique("group")}`, ...data } }),
    groupMember: (data: Needs<Prisma.GroupMemberUncheckedCreateInput, "groupId" | "userId">) => prisma.groupMember.create({ data }),
    session: (data: Needs<Prisma.SessionUncheckedCreateInput, "groupId">) =>
      prisma.session.create({ data: { title: "Meeting", startsAt: DEFAULT_STARTS_AT, ...data } }),
    agendaItem: (data: Needs<Prisma.AgendaItemUncheckedCreateInput, "sessionId">) =>
      prisma.agendaItem.create({ data: { position: 0, title: "Warm-up", ...data } }),
    attendance: (data: Needs<Prisma.AttendanceUncheckedCreateInput, "sessionId" | "userId">) =>
      prisma.attendance.create({ data: { status: "PRESENT", ...data } }),
    norm: (data: Needs<Prisma.NormUncheckedCreateInput, "groupId">) => prisma.norm.create({ data: { position: 0, text: "Assume good intent.", ...data } }),
    normAcceptance: (data: Needs<Prisma.NormAcceptanceUncheckedCreateInput, "normId" | "userId">) => prisma.normAcceptance.create({ data }),
    document: (data: Needs<Prisma.DocumentUncheckedCreateInput, "groupId" | "creatorId">) =>
      prisma.document.create({ data: { kind: "LESSON_PLAN", title: "Lesson plan", ...data } }),
    documentUpdate: (data: Needs<Prisma.DocumentUpdateUncheckedCreateInput, "documentId">) =>
      prisma.documentUpdate.create({ data: { update: emptyDocumentState(), ...data } }),
    documentVersion: (data: Needs<Prisma.DocumentVersionUncheckedCreateInput, "documentId" | "createdById">) =>
      prisma.documentVersion.create({ data: { name: "First draft", state: emptyDocumentState(), ...data } }),
    feedback: (data: Needs<Prisma.FeedbackUncheckedCreateInput, "documentId" | "authorId">) =>
      prisma.feedback.create({ data: { kind: "GLOW", body: "Clear objective.", ...data } }),
    activityEvent: (data: Needs<Prisma.ActivityEventUncheckedCreateInput, "schoolId" | "type">) => prisma.activityEvent.create({ data }),
    /** A group goal when `groupId` is given, else a teacher's own goal (owned by its creator). */
    goal: (data: Needs<Prisma.GoalUncheckedCreateInput, "schoolId" | "createdById">) => {
      const ownerKind = data.ownerKind ?? (data.groupId ? "GROUP" : "TEACHER");
      const ownerUserId = data.ownerUserId ?? (ownerKind === "TEACHER" ? data.createdById : null);
      return prisma.goal.create({
        data: { title: "Wait time", metric: "seconds", baseline: 1, target: 3, dueDate: new Date("2030-06-30"), ...data, ownerKind, ownerUserId },
      });
    },
    goalCheckIn: (data: Needs<Prisma.GoalCheckInUncheckedCreateInput, "goalId" | "authorId">) => prisma.goalCheckIn.create({ data: { value: 2, ...data } }),
    actionItem: (data: Needs<Prisma.ActionItemUncheckedCreateInput, "groupId">) =>
      prisma.actionItem.create({ data: { title: "Try think-pair-share", ...data } }),
    actionItemOwner: (data: Needs<Prisma.ActionItemOwnerUncheckedCreateInput, "actionItemId" | "userId">) => prisma.actionItemOwner.create({ data }),
    coachingAssignment: (data: Needs<Prisma.CoachingAssignmentUncheckedCreateInput, "schoolId" | "coachId" | "teacherId">) =>
      prisma.coachingAssignment.create({ data }),
    coachingCycle: (data: Needs<Prisma.CoachingCycleUncheckedCreateInput, "schoolId" | "coachId" | "teacherId">) =>
      prisma.coachingCycle.create({ data: { goal: "More student talk", ...data } }),
    coachingNote: (data: Needs<Prisma.CoachingNoteUncheckedCreateInput, "cycleId" | "coachId">) =>
      prisma.coachingNote.create({ data: { body: "Observed period 2.", ...data } }),
    coachingObservation: (data: Needs<Prisma.CoachingObservationUncheckedCreateInput, "cycleId">) =>
      prisma.coachingObservation.create({ data: { body: "Three reasoning questions in ten minutes.", ...data } }),
    coachingActionStep: (data: Needs<Prisma.CoachingActionStepUncheckedCreateInput, "cycleId">) =>
      prisma.coachingActionStep.create({ data: { text: "Count to three after each question.", ...data } }),
    insight: (data: Needs<Prisma.InsightUncheckedCreateInput, "schoolId" | "groupId" | "authorId">) =>
      prisma.insight.create({ data: { title: "Wait time helps", body: "Longer pauses, more answers.", ...data } }),
    assessment: (data: Needs<Prisma.AssessmentUncheckedCreateInput, "groupId">) =>
      prisma.assessment.create({ data: { title: "Fractions check", standard: "4.NF.1", administeredOn: new Date("2030-02-01"), ...data } }),
    assessmentResult: (data: Needs<Prisma.AssessmentResultUncheckedCreateInput, "assessmentId">) =>
      prisma.assessmentResult.create({ data: { studentRef: unique("student"), score: 80, proficiency: "MEETS", ...data } }),
    notification: (data: Needs<Prisma.NotificationUncheckedCreateInput, "recipientId" | "schoolId" | "kind">) =>
      prisma.notification.create({ data: { dedupeKey: unique("notification"), ...data } }),
    calendarFeed: (data: Needs<Prisma.CalendarFeedUncheckedCreateInput, "userId" | "schoolId">) =>
      prisma.calendarFeed.create({ data: { tokenHash: unique("calendar-feed-hash"), ...data } }),
    emailMessage: (data: Needs<Prisma.EmailMessageUncheckedCreateInput, "address" | "kind">) =>
      prisma.emailMessage.create({
        data: { idempotencyKey: unique("email"), subject: "A Staffroom email", text: "Hello.", html: "<p>Hello.</p>", status: "KEPT_IN_OUTBOX", ...data },
      }),
    notificationPreference: (data: Needs<Prisma.NotificationPreferenceUncheckedCreateInput, "userId" | "kind" | "delivery">) =>
      prisma.notificationPreference.create({ data }),
  };
}

export type Factories = ReturnType<typeof factories>;
