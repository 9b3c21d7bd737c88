// A group's norms are its content: read by those who read the group's content, changed by
// those who manage the group.
import { NotFoundError } from "../domain/errors.ts";
import type { Reader } from "./actor.ts";
import { groupAccess, loadManagedGroup } from "./groups.ts";

/** The norm and its group, if the actor manages the (not archived) group. */
export async function loadManagedNorm(reader: Reader, normId: string) {
  const norm = await reader.prisma.norm.findUnique({ where: { id: normId } });
  if (!norm || !groupAccess(reader.actor, norm.groupId).readContent) throw new NotFoundError("That norm");
  const group = await loadManagedGroup(reader, norm.groupId, { allowArchived: false });
  return { norm, group };
}
