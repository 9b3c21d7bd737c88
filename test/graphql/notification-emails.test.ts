// Notifications by email over real SMTP (support/smtp.ts): a reply reaches its recipient at once
// when that is their choice (and not when it is not); an email is composed when its job runs, so
// someone who lost access by then gets nothing; the daily digest goes out once per person and
// local day from DIGEST_HOUR in the school's time zone, even when two instances run it at once,
// and never names peer-group content to leadership; the reminder job writes its reminders once.
import { buildApp } from "@staffroom/api/app";
import { testConfig } from "@staffroom/api/config";
import { DIGEST_HOUR, notify, sendDailyDigests } from "@staffroom/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { eventually } from "../support/collab.ts";
import { graphql } from "../support/graphql.ts";
import { AddFeedback, dataOf, MutationError, succeeded } from "../support/operations.ts";
import { buildSchoolFixture, gid, type SchoolFixture } from "../support/school-fixture.ts";
import { linkIn, startMailbox, type Mailbox } from "../support/smtp.ts";

const REPLY = graphql(
  `
  mutation DeliveryReply($id: ID!, $body: String!) {
    replyToFeedback(feedbackId: $id, body: $body) {
      __typename
      ... on MutationReplyToFeedbackSuccess { data { id } }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const SET_PREFERENCE = graphql(
  `
  mutation DeliverySetPreference($kind: NotificationKind!, $delivery: NotificationDelivery!) {
    setNotificationPreference(kind: $kind, delivery: $delivery) {
      __typename
      ...MutationError
    }
  }
`,
  [MutationError],
);

const JOBS = { pollIntervalMs: 500, retryLimit: 3, retryDelaySeconds: 1, expireSeconds: 60, maintenanceIntervalSeconds: 60 };
const HOUR_MS = 3_600_000;
let mailbox: Mailbox;
let app: TestApp;
let second: Awaited<ReturnType<ReturnType<typeof buildApp>["start"]>>;
let secondApp: ReturnType<typeof buildApp>;

/**
 * A fixed-offset zone where it is now 3 o'clock in the night: the app's own quarter-hourly digest
 * job (running in the background with the real time) has nothing to send there during the test,
 * and the test's chosen `now`s fall on either side of DIGEST_HOUR on the same local day.
 */
const started = new Date();
const offsetHours = (() => {
  let offset = 3 - started.getUTCHours();
  if (offset < -12) offset += 24;
  if (offset > 14) offset -= 24;
  return offset;
})();
const ZONE = offsetHours === 0 ? "Etc/GMT" : `Etc/GMT${offsetHours > 0 ? "-" : "+"}${Math.abs(offsetHours)}`;
const localHourNow = started.getUTCHours() + offsetHours - Math.floor((started.getUTCHours() + offsetHours) / 24) * 24;
const BEFORE_DIGEST = new Date(started.getTime() + (DIGEST_HOUR - 1 - localHourNow) * HOUR_MS);
const AFTER_DIGEST = new Date(started.getTime() + (DIGEST_HOUR + 1 - localHourNow) * HOUR_MS);
/** The school's tomorrow as a calendar date (a UTC midnight). */
const LOCAL_TODAY = new Date(started.getTime() + offsetHours * HOUR_MS).toISOString().slice(0, 10);
const LOCAL_TOMORROW = new Date(new Date(`${LOCAL_TODAY}T00:00:00Z`).getTime() + 24 * HOUR_MS);

beforeAll(async () => {
  mailbox = await startMailbox();
  const mail = { smtpUrl: mailbox.url, from: "Staffroom <staffroom@school.test>" };
  app = await startTestApp({ mail, jobs: JOBS });
  secondApp = buildApp(testConfig({ databaseUrl: app.database.url, mail, jobs: JOBS }));
  second = await secondApp.start();
});
afterAll(async () => {
  await secondApp?.stop();
  await app?.close();
  await mailbox?.close();
});

async function school(label: string): Promise<SchoolFixture> {
  const fx = await buildSchoolFixture(app.db.prisma, label);
  await app.db.prisma.school.update({ where: { id: fx.schoolId }, data: { timeZone: ZONE } });
  return fx;
}

/** `author` gives feedback on `doc`, `replier` answers it; returns the thread's id and the reply's. */
async function replyTo(docGid: string, author: string, replier: string) {
  const thread = succeeded(dataOf(await app.gql(AddFeedback, { input: { documentId: docGid, kind: "GLOW", body: "Clear objective." } }, author)).addFeedback);
  const reply = succeeded(dataOf(await app.gql(REPLY, { id: thread.data.id, body: "Thank you!" }, replier)).replyToFeedback);
  return { threadGid: thread.data.id, replyGid: reply.data.id };
}

async function jobState(where: string, param: string): Promise<string | undefined> {
  const rows = await app.db.sql.query<{ state: string }>(
    `SELECT state::text AS state FROM pgboss.job WHERE ${where} UNION ALL SELECT state::text FROM pgboss.archive WHERE ${where}`,
    [param],
  );
  return rows[0]?.state;
}

const notificationJobDone = (notificationId: string) =>
  eventually(
    async () => (await jobState(`name = 'notification.email' AND singleton_key = $1`, notificationId)) === "completed",
    "the notification's email job completed",
    20_000,
  );

describe("email at once", () => {
  it("Ben replies to Ana's feedback: Ana gets exactly one email with the sentence and a link that opens in the app", async () => {
    const fx = await school("delivery-at-once");
    const [ana, ben] = [fx.people.peerMember2, fx.people.peerMember3];
    const doc = await fx.newDocument({ title: "Fractions lesson" });
    const { threadGid } = await replyTo(doc.gid, ana.token, ben.token);

    const email = await mailbox.next(ana.email, 20_000);
    const sentence = `${ben.name} replied to your feedback on “Fractions lesson”`;
    expect(email.to).toEqual([ana.email]);
    expect(email.subject).toBe(sentence);
    expect(email.text).toContain(`${sentence}.`);
    const link = linkIn(email, `/documents/${encodeURIComponent(doc.gid)}`)!;
    expect(link.searchParams.get("feedback")).toBe(threadGid);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(linkIn(email, "/settings/notifications")).not.toBeNull();

    const notification = await app.db.prisma.notification.findFirstOrThrow({ where: { recipientId: ana.id, kind: "REPLY_TO_MY_FEEDBACK" } });
    expect(notification.emailedAt).not.toBeNull();
    const row = await app.db.prisma.emailMessage.findUniqueOrThrow({ where: { idempotencyKey: `notification:${notification.id}` } });
    expect(row).toMatchObject({ kind: "NOTIFICATION", userId: ana.id, schoolId: fx.schoolId, address: ana.email });
    // Running its job again (a retry, another instance) sends nothing more.
    await notificationJobDone(notification.id);
    await app.services.jobs.enqueue("notification.email", { notificationId: notification.id }, { singletonKey: notification.id });
    await eventually(
      async () => (await app.db.sql.query(`SELECT 1 FROM pgboss.job WHERE name = 'notification.email' AND state < 'completed'`)).length === 0,
      "the repeated job ran",
      20_000,
    );
    await app.services.outbox.settled();
    expect(mailbox.to(ana.email)).toHaveLength(1);
    // The document's creator hears of the feedback in the digest (the default for that kind), not by email now.
    expect(mailbox.to(fx.people.peerMember.email)).toHaveLength(0);
  });

  it("with her preference IN_APP the reply reaches only her bell; OFF: nothing at all", async () => {
    const fx = await school("delivery-prefs");
    const [ana, ben] = [fx.people.peerMember2, fx.people.peerMember3];
    const doc = await fx.newDocument({ title: "Exit tickets" });

    succeeded(dataOf(await app.gql(SET_PREFERENCE, { kind: "REPLY_TO_MY_FEEDBACK", delivery: "IN_APP" }, ana.token)).setNotificationPreference);
    await replyTo(doc.gid, ana.token, ben.token);
    const inApp = await app.db.prisma.notification.findFirstOrThrow({ where: { recipientId: ana.id, kind: "REPLY_TO_MY_FEEDBACK" } });
    await notificationJobDone(inApp.id);
    await app.services.outbox.settled();
    expect((await app.db.prisma.notification.findUniqueOrThrow({ where: { id: inApp.id } })).emailedAt).toBeNull();
    expect(await app.db.prisma.emailMessage.count({ where: { userId: ana.id } })).toBe(0);

    succeeded(dataOf(await app.gql(SET_PREFERENCE, { kind: "REPLY_TO_MY_FEEDBACK", delivery: "OFF" }, ana.token)).setNotificationPreference);
    await replyTo(doc.gid, ana.token, ben.token);
    expect(await app.db.prisma.notification.count({ where: { recipientId: ana.id, kind: "REPLY_TO_MY_FEEDBACK" } })).toBe(1);
    await app.services.outbox.settled();
    expect(await app.db.prisma.emailMessage.count({ where: { userId: ana.id } })).toBe(0);
    expect(mailbox.to(ana.email)).toHaveLength(0);
  });

  it("someone who lost access before the job runs gets no email, and nothing about it waits in the outbox", async () => {
    const fx = await school("delivery-lost");
    const [ana, ben] = [fx.people.peerMember2, fx.people.peerMember3];
    const doc = await fx.newDocument({ title: "Secret peer plan" });
    const thread = await app.make.feedback({ documentId: doc.id, authorId: ana.id, kind: "GLOW", body: "Nice." });
    // Written (in a transaction nobody publishes from, so no job yet), then Ana leaves the group, then the job runs.
    const notification = await app.db.prisma.$transaction((tx) =>
      notify(tx, {
        recipientId: ana.id,
        schoolId: fx.schoolId,
        kind: "REPLY_TO_MY_FEEDBACK",
        actorId: ben.id,
        groupId: fx.peerGroupId,
        documentId: doc.id,
        feedbackId: thread.id,
        dedupeKey: `test-lost:${thread.id}`,
      }),
    );
    expect(notification).not.toBeNull();
    await app.db.prisma.groupMember.deleteMany({ where: { groupId: fx.peerGroupId, userId: ana.id } });
    await app.services.jobs.enqueue("notification.email", { notificationId: notification!.id }, { singletonKey: notification!.id });
    await notificationJobDone(notification!.id);
    await app.services.outbox.settled();

    expect(
      await app.db.prisma.emailMessage.count({
        where: { OR: [{ userId: ana.id }, { subject: { contains: "Secret peer plan" } }, { text: { contains: "Secret peer plan" } }] },
      }),
    ).toBe(0);
    expect((await app.db.prisma.notification.findUniqueOrThrow({ where: { id: notification!.id } })).emailedAt).toBeNull();
    expect(mailbox.to(ana.email)).toHaveLength(0);
  });
});

describe("daily digest", () => {
  it(`one digest per person from ${DIGEST_HOUR}:00 in the school's zone, once across two instances; leadership never sees peer-group content`, async () => {
    const fx = await school("delivery-digest");
    const { peerMember: teacher, peerMember2: colleague, coach, admin } = fx.people;
    const doc = await fx.newDocument({ title: "Station rotation" });
    // FEEDBACK_ON_MY_DOCUMENT: in the digest by default.
    succeeded(dataOf(await app.gql(AddFeedback, { input: { documentId: doc.gid, kind: "GLOW", body: "Great pacing." } }, colleague.token)).addFeedback);
    const cycle = await app.make.coachingCycle({ schoolId: fx.schoolId, coachId: coach.id, teacherId: teacher.id, nextCheckBackOn: LOCAL_TOMORROW });
    await app.db.prisma.$transaction(async (tx) => {
      for (const recipientId of [coach.id, teacher.id]) {
        await notify(tx, { recipientId, schoolId: fx.schoolId, kind: "CHECK_BACK_DUE", coachingCycleId: cycle.id, dedupeKey: `test-check-back:${cycle.id}` });
      }
    });
    // Peer-group notifications that reached leadership's rows (written when they could read it, say): never in their digest.
    for (const person of [coach, admin]) {
      await app.db.prisma.notification.create({
        data: {
          recipientId: person.id,
          schoolId: fx.schoolId,
          kind: "FEEDBACK_ON_MY_DOCUMENT",
          groupId: fx.peerGroupId,
          documentId: doc.id,
          dedupeKey: `test-peer:${person.id}`,
        },
      });
    }
    const digestsOf = (userId: string) => app.db.prisma.emailMessage.findMany({ where: { userId, kind: "DIGEST" } });

    await sendDailyDigests(app.services, BEFORE_DIGEST);
    for (const person of [teacher, coach, admin]) expect(await digestsOf(person.id)).toEqual([]);

    // Two instances at the same moment, then a rerun.
    await Promise.all([sendDailyDigests(app.services, AFTER_DIGEST), sendDailyDigests(second.services, AFTER_DIGEST)]);
    await sendDailyDigests(app.services, AFTER_DIGEST);
    await app.services.outbox.settled();

    const [teacherDigest] = await digestsOf(teacher.id);
    expect(await digestsOf(teacher.id)).toHaveLength(1);
    expect(teacherDigest!.idempotencyKey).toBe(`digest:${teacher.id}:${LOCAL_TODAY}`);
    const mail = await mailbox.next(teacher.email, 20_000);
    expect(mail.subject).toBe("Your Staffroom digest: 2 updates");
    expect(mail.text).toContain("FEEDBACK AND MENTIONS");
    expect(mail.text).toContain(`${colleague.name} left feedback on “Station rotation”.`);
    expect(mail.text).toContain("COACHING");
    expect(mail.text).toContain(`A coaching check-back with your coach ${coach.name} is due`);
    const link = linkIn(mail, `/documents/${encodeURIComponent(doc.gid)}`)!;
    expect((await fetch(link)).status).toBe(200);
    expect(linkIn(mail, `/coaching/${encodeURIComponent(gid("CoachingCycle", cycle.id))}`)).not.toBeNull();

    const coachMail = await mailbox.next(coach.email, 20_000);
    expect(coachMail.subject).toBe(
      `Your Staffroom digest: A coaching check-back with ${teacher.name} is due on ${new Intl.DateTimeFormat("en-US", { weekday: "long", month: "long", day: "numeric", timeZone: "UTC" }).format(cycle.nextCheckBackOn!)}`,
    );
    expect(coachMail.text).not.toContain("Station rotation");
    expect(coachMail.html).not.toContain("Station rotation");
    // Nothing to say: no digest at all.
    expect(await digestsOf(admin.id)).toEqual([]);
    expect(mailbox.to(admin.email)).toHaveLength(0);
    expect(mailbox.to(teacher.email)).toHaveLength(1);
    expect(mailbox.to(coach.email)).toHaveLength(1);
    // The listed notifications are marked; the one the coach may not read is not.
    const peerRow = await app.db.prisma.notification.findFirstOrThrow({ where: { recipientId: coach.id, kind: "FEEDBACK_ON_MY_DOCUMENT" } });
    expect(peerRow.emailedAt).toBeNull();
    expect(await app.db.prisma.notification.count({ where: { recipientId: teacher.id, emailedAt: null } })).toBe(0);
  });
});

describe("the reminder job", () => {
  it("writes the day's reminders once, however often it runs", async () => {
    const fx = await school("delivery-reminders");
    const owner = fx.people.peerMember3;
    const item = await app.make.actionItem({ groupId: fx.peerGroupId, title: "Share exit tickets", dueDate: LOCAL_TOMORROW });
    await app.make.actionItemOwner({ actionItemId: item.id, userId: owner.id });

    for (let run = 0; run < 2; run++) {
      const id = await app.services.jobs.enqueue("notification.reminders", {});
      await eventually(async () => (await jobState("id = $1::uuid", id!)) === "completed", "the reminder job completed", 20_000);
    }
    const reminders = await app.db.prisma.notification.findMany({ where: { schoolId: fx.schoolId } });
    expect(reminders.map((n) => `${n.kind} ${n.recipientId} ${n.actionItemId}`)).toEqual([`ACTION_ITEM_DUE_TOMORROW ${owner.id} ${item.id}`]);
  });
});
