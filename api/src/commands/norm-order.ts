// A group's norms are ordered 0..n-1, with no gaps or twins. Edits to one group's norms take
// turns (a row lock on the group), so two edits at once cannot break that.
import type { Prisma } from "../generated/prisma/client.ts";

type Tx = Prisma.TransactionClient;

export async function lockGroup(tx: Tx, groupId: string) {
  await tx.$queryRaw`SELECT 1 FROM "Group" WHERE "id" = ${groupId}::uuid FOR UPDATE`;
}

export function currentNorms(tx: Tx, groupId: string) {
  return tx.norm.findMany({ where: { groupId }, select: { id: true, position: true }, orderBy: [{ position: "asc" }, { id: "asc" }] });
}

/** Writes positions 0..n-1 in the given order, touching only the rows that moved. */
export async function renumberNorms(tx: Tx, ordered: { id: string; position: number }[]) {
  for (const [index, norm] of ordered.entries()) {
    if (norm.position !== index) await tx.norm.update({ where: { id: norm.id }, data: { position: index } });
  }
}
