// What every resolver receives. Built per request (HTTP) or per operation (websocket).
import type { Config } from "./config.ts";
import type { Database } from "./db/client.ts";
import type { PrismaClient } from "./generated/prisma/client.ts";
import type { Actor } from "./policies/actor.ts";
import type { SignInLimiter } from "./auth/sign-in-limiter.ts";

export type AppServices = {
  config: Config;
  db: Database;
  signInLimiter: SignInLimiter;
};

export type Context = {
  prisma: PrismaClient;
  actor: Actor;
  /** The caller's address, for per-address rate limits. */
  clientAddress: string;
  services: AppServices;
};
