// What every resolver receives. Built per request (HTTP) or per operation (websocket).
import type { AppServices } from "./commands/services.ts";
import type { PrismaClient } from "./generated/prisma/client.ts";
import type { Actor } from "./policies/actor.ts";

export type Context = {
  prisma: PrismaClient;
  actor: Actor;
  /** The caller's address, for per-address rate limits. */
  clientAddress: string;
  services: AppServices;
  /**
   * Set on graphql-ws operations: the websocket itself closes (4403) when its credential ends, so
   * a subscription need not end on its own (over SSE it does, with UNAUTHENTICATED).
   */
  credentialWatchedByConnection?: boolean;
};
