// Bring an archived group back: its content is writable again for those who may write it.
import type { Prisma } from "../generated/prisma/client.ts";
import { loadManagedGroup } from "../policies/groups.ts";
import type { Caller, Selection } from "./run-command.ts";

export async function unarchiveGroup(caller: Caller, input: { groupId: string }, selection: Selection<Prisma.GroupSelect, Prisma.GroupInclude> = {}) {
  const group = await loadManagedGroup(caller, input.groupId, { allowArchived: true });
  const updated = await caller.prisma.group.update({ ...selection, where: { id: group.id }, data: { archivedAt: null } });
  // Open read-only connections are re-checked, so editors get their pen back on reconnect.
  await caller.services.events.accessChanged({ groupIds: [group.id] });
  return updated;
}
