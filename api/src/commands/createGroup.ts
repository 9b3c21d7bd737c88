// Start a peer group (a teacher who starts one is in it) or a PLC (coaches and admins).
import { forbidden, ValidationError } from "../domain/errors.ts";
import { PEER_GROUP_LIMITS, PEER_GROUP_SIZE_RULE } from "../domain/groups.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { GroupKind, GroupRole } from "../generated/prisma/enums.ts";
import { assertSchoolStaff, canCreateGroup } from "../policies/groups.ts";
import type { Caller, Selection } from "./run-command.ts";

export type CreateGroup = {
  schoolId: string;
  kind: GroupKind;
  name: string;
  focus?: string | null;
  gradeLevel?: string | null;
  subject?: string | null;
  meetingCadence?: string | null;
  members?: { userId: string; role?: GroupRole | null }[] | null;
};

export async function createGroup(caller: Caller, input: CreateGroup, selection: Selection<Prisma.GroupSelect, Prisma.GroupInclude> = {}) {
  const actor = caller.actor;
  const schoolId = input.schoolId;
  if (actor.kind !== "user" || !canCreateGroup(actor, schoolId, input.kind)) throw forbidden();
  const requested = new Map<string, GroupRole>();
  for (const m of input.members ?? []) requested.set(m.userId, input.kind === "PEER" ? "MEMBER" : (m.role ?? "MEMBER"));
  // A teacher who starts a peer group is in it; a leader starting one is only its convener.
  const creatorRole = actor.schools.get(schoolId);
  if (input.kind === "PEER" && creatorRole === "TEACHER") requested.set(actor.userId, "MEMBER");
  if (input.kind === "PEER" && (requested.size < PEER_GROUP_LIMITS.min || requested.size > PEER_GROUP_LIMITS.max)) {
    const counting = creatorRole === "TEACHER" ? " (you included)" : "";
    throw ValidationError.field("input.members", `${PEER_GROUP_SIZE_RULE} This one would have ${requested.size}${counting}.`);
  }
  await assertSchoolStaff(caller.prisma, schoolId, [...requested.keys()]);
  return caller.prisma.group.create({
    ...selection,
    data: {
      schoolId,
      kind: input.kind,
      name: input.name.trim(),
      focus: input.focus?.trim() ?? "",
      gradeLevel: input.kind === "PLC" ? input.gradeLevel?.trim() || null : null,
      subject: input.kind === "PLC" ? input.subject?.trim() || null : null,
      meetingCadence: input.meetingCadence?.trim() || null,
      members: { create: [...requested].map(([userId, role]) => ({ userId, role })) },
    },
  });
}
