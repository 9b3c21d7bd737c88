// Archive a group: its content becomes read-only for everyone, its members stay.
import type { Prisma } from "../generated/prisma/client.ts";
import { loadManagedGroup } from "../policies/groups.ts";
import type { Caller, Selection } from "./run-command.ts";

export async function archiveGroup(caller: Caller, input: { groupId: string }, selection: Selection<Prisma.GroupSelect, Prisma.GroupInclude> = {}) {
  const group = await loadManagedGroup(caller, input.groupId, { allowArchived: true });
  const updated = await caller.prisma.group.update({
    ...selection,
    where: { id: group.id },
    data: { archivedAt: group.archivedAt ?? new Date() },
  });
  // An archived group's documents become read-only for everyone editing them now.
  await caller.services.events.accessChanged({ groupIds: [group.id] });
  return updated;
}
