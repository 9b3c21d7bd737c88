// What the tests (test/) drive directly, below the GraphQL and websocket surfaces: sessions and
// tokens made without signing in, the database and its migrator, the demo school, the
// live-document machinery, the event bus, Redis, limits the API enforces. Exported as
// `@staffroom/api/testing` (package.json "exports"), so tests name one deliberate surface
// instead of reaching into api/src; the app itself never imports this file.
export { createSignUpLimiter } from "./auth/sign-in-limiter.ts";
export { hashPassword, hashToken, newToken } from "./auth/secrets.ts";
export { AccessLostError, type LiveDocument, MalformedUpdateError } from "./collab/live-document.ts";
export { CollabConnection, MAX_BUFFERED_BYTES } from "./collab/connection.ts";
export { compactionLockName, DocumentPersistence } from "./collab/persistence.ts";
export { DocumentRegistry } from "./collab/registry.ts";
export type { AccessChanged } from "./events/bus.ts";
export { runCommand } from "./commands/run-command.ts";
export { startSession } from "./commands/signIn.ts";
export { type Database, openDatabase } from "./db/client.ts";
export type { ActivityMessage } from "./domain/activity.ts";
export { DEMO_PASSWORD, DEMO_PEOPLE, DEMO_SCHOOL } from "./db/demo/demo-school.ts";
export { MigrationError, migrate, readMigrations } from "./db/migrator.ts";
export { seedDemoSchoolIfEmpty } from "./db/seed-demo.ts";
export { pgRunner } from "./db/sql-runner.ts";
export { createEventBus } from "./events/bus.ts";
export { operationCost } from "./graphql-cost.ts";
export { describeNotification } from "./notifications/describe.ts";
export { notify } from "./notifications/notify.ts";
export { produceReminders } from "./notifications/reminders.ts";
export { sendDailyDigests } from "./notifications/digest.ts";
export { DIGEST_HOUR } from "./domain/notifications.ts";
export { API_SCOPE_DESCRIPTIONS, API_SCOPES, type ApiScope } from "./policies/scopes.ts";
export { connectRedis } from "./redis.ts";
export { PAGE_SIZE } from "./schema/builder.ts";
export { INPUT_LIMITS } from "./schema/input-limits.ts";
export { TIPTAP_BASE_STYLE_HASH } from "./security-headers.ts";
