// What commands (and the resolvers that call them) may use besides the database: built once per
// app in app.ts, handed to every request's context and to every command.
import type { PasswordResetLimiter, SignInLimiter, SignUpLimiter } from "../auth/sign-in-limiter.ts";
import type { LiveDocuments } from "../collab/live-documents.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import type { Mailer } from "../email/mailer.ts";
import type { Outbox } from "../email/outbox.ts";
import type { EventBus } from "../events/bus.ts";
import type { JobQueue } from "../jobs/queue.ts";
import type { Logger } from "../observability/logger.ts";
import type { Metrics } from "../observability/metrics.ts";

export type AppServices = {
  config: Config;
  db: Database;
  signInLimiter: SignInLimiter;
  signUpLimiter: SignUpLimiter;
  passwordResetLimiter: PasswordResetLimiter;
  /** Hands one email to the relay; only the `email.send` job uses it (commands queue emails in the outbox). */
  mailer: Mailer;
  /** Emails: `queueEmail(tx, …)` (email/outbox.ts) in the command's transaction, then `outbox.dispatch` after the commit. */
  outbox: Outbox;
  /** Background jobs (jobs/registry.ts names them): `jobs.enqueue(name, data, { singletonKey?, startAfter? })`. */
  jobs: JobQueue;
  /** The address people open Staffroom at, for links in emails: PUBLIC_URL, else where the server listens. */
  publicUrl(): string;
  events: EventBus;
  /** Server-side access to live Yjs documents: read content, apply changes editors see at once. */
  documents: LiveDocuments;
  /** The app's logger (JSON lines); never handed content, tokens or variables. */
  log: Logger;
  /** Undefined unless METRICS_TOKEN is set. */
  metrics: Metrics | undefined;
};
