// An email whose send hangs when its process is SIGKILLed is delivered exactly once after a
// restart: the relay stalls mid-message (it took the DATA and never answers), the api is killed
// with the job active, and a new process on the same database (with a working relay) finds the
// job expired, retries it, and sends the message once, with the Message-ID of the first attempt.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../support/collab.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { factories } from "../support/factories.ts";
import { graphqlCaller } from "../support/graphql-http.ts";
import { graphql } from "../support/graphql.ts";
import { startServerProcess, type ServerProcess } from "../support/server-process.ts";
import { startMailbox, type Mailbox } from "../support/smtp.ts";
import { openDatabase, type Database } from "@staffroom/api/testing";

const REQUEST_RESET = graphql(`
  mutation KillRequestReset($input: RequestPasswordResetInput!) {
    requestPasswordReset(input: $input) {
      __typename
    }
  }
`);

// Short expiry and maintenance, so the killed job is found and retried within the test.
const JOB_ENV = { JOB_POLL_INTERVAL_MS: "500", JOB_EXPIRE_SECONDS: "6", JOB_MAINTENANCE_INTERVAL_SECONDS: "1", JOB_RETRY_DELAY_SECONDS: "1" };

let database: TestDatabase;
let db: Database;
const servers: ServerProcess[] = [];
const mailboxes: Mailbox[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openDatabase({ databaseUrl: database.url, dataDir: "/nonexistent" });
});
afterAll(async () => {
  for (const server of servers) await server.kill("SIGKILL");
  for (const mailbox of mailboxes) await mailbox.close();
  await db?.close();
  await database?.drop();
});

describe("SIGKILL mid-send", () => {
  it("the email is delivered exactly once after a restart", { timeout: 120_000 }, async () => {
    const user = await factories(db.prisma).user({ email: "kill@outbox.test" });
    const stalling = await startMailbox({ behaviour: "stall" });
    const working = await startMailbox();
    mailboxes.push(stalling, working);

    const first = await startServerProcess({ databaseUrl: database.url, env: { ...JOB_ENV, SMTP_URL: stalling.url } });
    servers.push(first);
    const stalled = stalling.stalled();
    const asked = await graphqlCaller(first.url)(REQUEST_RESET, { input: { email: user.email } });
    expect(asked.data?.requestPasswordReset.__typename).toBe("MutationRequestPasswordResetSuccess");
    await stalled;
    const row = await db.prisma.emailMessage.findFirstOrThrow({ where: { address: user.email } });
    expect(row).toMatchObject({ status: "QUEUED", attempts: 1 });
    await first.kill("SIGKILL");

    const second = await startServerProcess({ databaseUrl: database.url, env: { ...JOB_ENV, SMTP_URL: working.url } });
    servers.push(second);
    const delivered = await working.next(user.email, 60_000);
    expect(delivered.subject).toBe("Set a new Staffroom password");
    expect(delivered.messageId).toBe(row.messageId);
    await eventually(async () => (await db.prisma.emailMessage.findUniqueOrThrow({ where: { id: row.id } })).status === "SENT", "the row marked SENT", 30_000);
    // Then no job for it is left waiting or running: nothing can send it again. (The job that
    // wrote SENT is still "active" until pg-boss records its completion, a statement later.)
    const pending = async () =>
      (
        await db.sql.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'email.send' AND singleton_key = $1 AND state < 'completed'`,
          [row.id],
        )
      )[0]!.n;
    await eventually(async () => (await pending()) === 0, "no email.send job left for the message", 30_000);
    expect(working.to(user.email)).toHaveLength(1);
    expect((await db.prisma.emailMessage.findUniqueOrThrow({ where: { id: row.id } })).attempts).toBe(2);
    await second.kill("SIGTERM");
  });
});
