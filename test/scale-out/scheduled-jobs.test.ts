// Two instances on one database: a scheduled job (the outbox sweeper, every minute) runs once per
// period across them, and what it finds (an email a crash left without a job) is sent once.
import { buildApp } from "@staffroom/api/app";
import { testConfig } from "@staffroom/api/config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { eventually } from "../support/collab.ts";
import { startMailbox, type Mailbox } from "../support/smtp.ts";

const JOBS = { pollIntervalMs: 500, retryLimit: 2, retryDelaySeconds: 1, expireSeconds: 60, maintenanceIntervalSeconds: 60 };
let mailbox: Mailbox;
let a: TestApp;
let b: ReturnType<typeof buildApp>;

beforeAll(async () => {
  mailbox = await startMailbox();
  const mail = { smtpUrl: mailbox.url, from: "Staffroom <staffroom@school.test>" };
  a = await startTestApp({ mail, jobs: JOBS });
  b = buildApp(testConfig({ databaseUrl: a.database.url, mail, jobs: JOBS }));
  await b.start();
});
afterAll(async () => {
  await b?.stop();
  await a?.close();
  await mailbox?.close();
});

describe("scheduled jobs across instances", () => {
  it("the sweeper runs once per minute across two instances, and sends an orphaned email once", { timeout: 200_000 }, async () => {
    // Committed two minutes ago, and its job never enqueued (the process died in between).
    const orphan = await a.db.prisma.emailMessage.create({
      data: {
        idempotencyKey: "orphan:1",
        address: "orphan@sweep.test",
        kind: "ACCOUNT_NOTICE",
        subject: "Left behind",
        text: "Sent by the sweeper.",
        html: "<p>Sent by the sweeper.</p>",
        createdAt: new Date(Date.now() - 120_000),
      },
    });
    const delivered = await mailbox.next("orphan@sweep.test", 150_000);
    expect(delivered.subject).toBe("Left behind");
    await eventually(async () => (await a.db.prisma.emailMessage.findUniqueOrThrow({ where: { id: orphan.id } })).status === "SENT", "SENT", 30_000);
    // Each minute that had a sweep had exactly one, whichever instance ran it.
    const perMinute = await a.db.sql.query<{ minute: string; n: number }>(
      `SELECT date_trunc('minute', created_on)::text AS minute, count(*)::int AS n
         FROM (SELECT created_on FROM pgboss.job WHERE name = 'email.sweep'
               UNION ALL SELECT created_on FROM pgboss.archive WHERE name = 'email.sweep') sweeps
        GROUP BY 1`,
    );
    expect(perMinute.length).toBeGreaterThan(0);
    for (const row of perMinute) expect(row.n).toBe(1);
    expect(mailbox.to("orphan@sweep.test")).toHaveLength(1);
  });
});
