// The daily digest. A scheduled job (every 15 minutes) calls sendDailyDigests(now): in each school
// whose local time has passed DIGEST_HOUR today, each person with DAILY_DIGEST notifications not
// yet emailed gets one email listing them, grouped by what they are about. Per person and local
// date one transaction, under an advisory lock on the digest's idempotency key: it checks that
// no digest with the key exists, writes the outbox row and marks the listed notifications
// emailed, all or nothing; so a rerun, a retry or a second instance at the same moment sends it
// once. Every line is described now, through the policies: a notification its recipient may no
// longer read (peer-group content for leadership, a document they lost) is left out.
import type { AppServices } from "../commands/services.ts";
import { wallClockIn } from "../domain/dates.ts";
import { DIGEST_HOUR } from "../domain/notifications.ts";
import { composeEmail, type Paragraph } from "../email/compose.ts";
import { type QueuedEmail, queueEmail } from "../email/outbox.ts";
import type { NotificationKind } from "../generated/prisma/enums.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { deliveriesOf, NOTIFICATION_SETTINGS_PATH } from "./delivery.ts";
import { describeNotifications } from "./describe.ts";

/** A first digest (or one after a change of preference) reaches back this far, not to old news. */
const LOOKBACK_DAYS = 7;
const DAY_MS = 86_400_000;

const SECTIONS: readonly { title: string; kinds: readonly NotificationKind[] }[] = [
  { title: "Feedback and mentions", kinds: ["FEEDBACK_ON_MY_DOCUMENT", "REPLY_TO_MY_FEEDBACK", "MENTIONED"] },
  { title: "Action items", kinds: ["ACTION_ITEM_ASSIGNED", "ACTION_ITEM_DUE_TOMORROW", "ACTION_ITEM_OVERDUE"] },
  { title: "Meetings", kinds: ["MEETING_TOMORROW"] },
  { title: "Coaching", kinds: ["CHECK_BACK_DUE"] },
  { title: "Your school", kinds: ["INVITATION_ACCEPTED"] },
];

type DigestServices = Pick<AppServices, "db" | "outbox" | "publicUrl">;

/** Sends the digests due at `now`; returns how many it queued. */
export async function sendDailyDigests(services: DigestServices, now: Date): Promise<number> {
  const { prisma } = services.db;
  const schools = await prisma.school.findMany({ select: { id: true, timeZone: true } });
  let sent = 0;
  for (const school of schools) {
    const local = localClock(school.timeZone, now);
    if (local.hour < DIGEST_HOUR) continue;
    const localDate = `${local.year}-${pad(local.month)}-${pad(local.day)}`;
    const recipients = await prisma.notification.findMany({
      where: { schoolId: school.id, emailedAt: null, readAt: null, createdAt: { gt: new Date(now.getTime() - LOOKBACK_DAYS * DAY_MS) } },
      select: { recipientId: true },
      distinct: ["recipientId"],
    });
    for (const { recipientId } of recipients) {
      const queued = await digestFor(services, { recipientId, schoolId: school.id, localDate, now });
      if (queued) {
        await services.outbox.dispatch(queued);
        sent++;
      }
    }
  }
  return sent;
}

async function digestFor(
  services: DigestServices,
  { recipientId, schoolId, localDate, now }: { recipientId: string; schoolId: string; localDate: string; now: Date },
): Promise<QueuedEmail | null> {
  // One digest per person and local date (a person in two schools gets the second school's news the day after).
  const idempotencyKey = `digest:${recipientId}:${localDate}`;
  return services.db.prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${idempotencyKey}, 0))`;
      if (await tx.emailMessage.findUnique({ where: { idempotencyKey }, select: { id: true } })) return null;
      const recipient = await tx.user.findUnique({ where: { id: recipientId }, select: { email: true } });
      if (!recipient) return null;
      const delivery = await deliveriesOf(tx, recipientId);
      // Read ones were seen in the app already: the digest tells what is new to them.
      const waiting = await tx.notification.findMany({
        where: { recipientId, schoolId, emailedAt: null, readAt: null, createdAt: { gt: new Date(now.getTime() - LOOKBACK_DAYS * DAY_MS) } },
        orderBy: { createdAt: "asc" },
      });
      const chosen = waiting.filter((n) => delivery(n.kind) === "DAILY_DIGEST");
      const descriptions = await describeNotifications(tx as PrismaClient, chosen);
      const lines: { id: string; kind: NotificationKind; sentence: string; path: string }[] = chosen.flatMap((n, i) => {
        const described = descriptions[i];
        return described ? [{ id: n.id, kind: n.kind, ...described }] : [];
      });
      if (lines.length === 0) return null;

      const base = services.publicUrl();
      const paragraphs: Paragraph[] = [
        lines.length === 1 ? "One thing for you in Staffroom since your last digest:" : `${lines.length} things for you in Staffroom since your last digest:`,
      ];
      for (const section of SECTIONS) {
        const inSection = lines.filter((line) => section.kinds.includes(line.kind));
        if (inSection.length === 0) continue;
        paragraphs.push(section.title.toUpperCase());
        for (const line of inSection) paragraphs.push(`${line.sentence}.`, { link: `${base}${line.path}` });
      }
      paragraphs.push("You get this digest once a day for the kinds of notification you chose. To change what reaches you and how:", {
        link: `${base}${NOTIFICATION_SETTINGS_PATH}`,
      });
      const subject = lines.length === 1 ? `Your Staffroom digest: ${lines[0]!.sentence}` : `Your Staffroom digest: ${lines.length} updates`;
      await tx.notification.updateMany({ where: { id: { in: lines.map((line) => line.id) } }, data: { emailedAt: new Date() } });
      return queueEmail(tx, { ...composeEmail(recipient.email, subject, paragraphs), kind: "DIGEST", userId: recipientId, schoolId, idempotencyKey });
    },
    { timeout: 30_000 },
  );
}

function localClock(timeZone: string, now: Date) {
  try {
    return wallClockIn(timeZone, now);
  } catch {
    return wallClockIn("UTC", now);
  }
}

const pad = (n: number) => String(n).padStart(2, "0");
