// Revoke one of your API tokens: it stops working at once, and its live connections close.
import { NotFoundError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { actingUserId } from "../policies/actor.ts";
import type { Caller, Selection } from "./run-command.ts";

export async function revokeApiToken(caller: Caller, tokenId: string, selection: Selection<Prisma.ApiTokenSelect, Prisma.ApiTokenInclude> = {}) {
  const token = await caller.prisma.apiToken.findUnique({ where: { id: tokenId } });
  // Someone else's token is "not found": ids reveal nothing.
  if (!token || token.userId !== actingUserId(caller.actor)) throw new NotFoundError("That API token");
  const revoked = await caller.prisma.apiToken.update({ ...selection, where: { id: token.id }, data: { revokedAt: token.revokedAt ?? new Date() } });
  await caller.services.events.accessChanged({ userIds: [token.userId] });
  return revoked;
}
