// An agenda item's presenter is one of the group's members (or no one).
import { ValidationError } from "../domain/errors.ts";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";

export async function assertPresenterIsMember(
  db: PrismaClient | Prisma.TransactionClient,
  groupId: string,
  presenterIds: (string | null | undefined)[],
  path: (index: number) => string,
) {
  const wanted = presenterIds.map((id, index) => ({ id, index })).filter((p): p is { id: string; index: number } => typeof p.id === "string");
  if (wanted.length === 0) return;
  const members = await db.groupMember.findMany({ where: { groupId, userId: { in: wanted.map((p) => p.id) } }, select: { userId: true } });
  const known = new Set(members.map((m) => m.userId));
  const stranger = wanted.find((p) => !known.has(p.id));
  if (stranger) throw ValidationError.field(path(stranger.index), "The presenter must be a member of the group.");
}
