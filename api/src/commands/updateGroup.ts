// Change a group's name, focus, cadence (and, for a PLC, grade level and subject).
import type { Prisma } from "../generated/prisma/client.ts";
import { loadManagedGroup } from "../policies/groups.ts";
import type { Caller, Selection } from "./run-command.ts";

/** Absent fields stay as they are; null clears the optional ones. */
export type UpdateGroup = {
  groupId: string;
  name?: string | null;
  focus?: string | null;
  gradeLevel?: string | null;
  subject?: string | null;
  meetingCadence?: string | null;
};

export async function updateGroup(caller: Caller, input: UpdateGroup, selection: Selection<Prisma.GroupSelect, Prisma.GroupInclude> = {}) {
  const group = await loadManagedGroup(caller, input.groupId, { allowArchived: false });
  return caller.prisma.group.update({
    ...selection,
    where: { id: group.id },
    data: {
      ...(input.name ? { name: input.name.trim() } : {}),
      ...(input.focus != null ? { focus: input.focus.trim() } : {}),
      ...(input.meetingCadence !== undefined ? { meetingCadence: input.meetingCadence?.trim() ?? null } : {}),
      ...(group.kind === "PLC" && input.gradeLevel !== undefined ? { gradeLevel: input.gradeLevel?.trim() ?? null } : {}),
      ...(group.kind === "PLC" && input.subject !== undefined ? { subject: input.subject?.trim() ?? null } : {}),
    },
  });
}
