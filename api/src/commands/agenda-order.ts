// An agenda's order: positions are always 0..n-1, with no gaps or twins. Edits to one session's
// agenda take turns (a row lock on the session), so two edits at once cannot break that.
import type { Prisma } from "../generated/prisma/client.ts";

type Tx = Prisma.TransactionClient;

/** Agenda edits on one session take turns until the transaction ends. */
export async function lockSession(tx: Tx, sessionId: string) {
  await tx.$queryRaw`SELECT 1 FROM "Session" WHERE "id" = ${sessionId}::uuid FOR UPDATE`;
}

/** Writes positions 0..n-1 in the given order, touching only the rows that moved. */
export async function renumberAgenda(tx: Tx, ordered: { id: string; position: number }[]) {
  for (const [index, item] of ordered.entries()) {
    if (item.position !== index) await tx.agendaItem.update({ where: { id: item.id }, data: { position: index } });
  }
}

export function currentAgenda(tx: Tx, sessionId: string) {
  return tx.agendaItem.findMany({ where: { sessionId }, select: { id: true, position: true }, orderBy: [{ position: "asc" }, { id: "asc" }] });
}
