// Notification delivery latency: Ben replies to Ana's feedback (replyToFeedback over HTTP), one
// reply at a time; Ana follows the `notifications` subscription over graphql-ws, and an SMTP
// server in this process receives her "email at once". Both latencies are taken from the
// mutation's send, in this one process, so they need no clock agreement with the server.
//
// Not part of the smoke run (run.ts): each reply waits for its email, which is a few seconds of
// pg-boss round trips for 20 replies on a busy machine.
import { performance } from "node:perf_hooks";
import path from "node:path";
import { createClient } from "graphql-ws";
import { SMTPServer } from "smtp-server";
import WebSocket from "ws";
import { REPO_ROOT, startListeningProcess, type ListeningProcess } from "../lib/child-process.ts";
import { createBenchDatabase } from "../lib/database.ts";
import { postGraphQL, relayGlobalId } from "../lib/graphql-http.ts";
import { phases } from "../lib/progress.ts";
import { seedSchool } from "../lib/school-seed.ts";
import type { BenchOptions, Section, SectionResult } from "../lib/section.ts";
import { percentile } from "../lib/stats.ts";

const REPLIES = 20;
/** The app's default (JOB_POLL_INTERVAL_MS): a job enqueued on the same instance starts at once anyway (queue.ts notifyWorker). */
const JOB_POLL_INTERVAL_MS = 2_000;
const WAIT_MS = 30_000;

const ADD_FEEDBACK = `mutation Add($input: AddFeedbackInput!) { addFeedback(input: $input) { __typename ... on MutationAddFeedbackSuccess { data { id } } } }`;
const REPLY = `mutation Reply($id: ID!, $body: String!) { replyToFeedback(feedbackId: $id, body: $body) { __typename } }`;
const FOLLOW = `subscription Bell { notifications { notification { id kind } unreadCount } }`;

/** Resolves with the time of the next call of `signal` after now. */
function nextOf(waiters: ((at: number) => void)[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`nothing arrived within ${WAIT_MS / 1000} s`)), WAIT_MS);
    waiters.push((at) => {
      clearTimeout(timer);
      resolve(at);
    });
  });
}

const figures = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { count: sorted.length, p50: round(percentile(sorted, 0.5)), p95: round(percentile(sorted, 0.95)), max: round(sorted.at(-1) ?? Number.NaN) };
};

export const section: Section = {
  id: "notifications",
  async run(_options: BenchOptions): Promise<SectionResult> {
    const done = phases();
    const database = await createBenchDatabase("notifications");
    const inApp: ((at: number) => void)[] = [];
    const inbox: ((at: number) => void)[] = [];
    let anaAddress = "";
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, session, callback) {
        stream.resume();
        stream.once("end", () => {
          const at = performance.now();
          if (session.envelope.rcptTo.some((r) => r.address.toLowerCase() === anaAddress)) inbox.shift()?.(at);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
    const smtpPort = (smtp.server.address() as { port: number }).port;
    let server: ListeningProcess | null = null;
    let dispose = () => {};
    try {
      const school = await seedSchool(database.url, { groups: 1, membersPerGroup: 2, sessionsPerGroup: 1, documentsPerSession: 1 });
      const [ana, ben] = school.firstGroupMembers as [{ id: string; token: string }, { id: string; token: string }];
      anaAddress = `${ana.id}@bench.test`;
      server = await startListeningProcess({
        name: "staffroom",
        script: process.env.BENCH_STAFFROOM_ENTRY ?? path.join(REPO_ROOT, "api/src/main.ts"),
        env: {
          NODE_ENV: "production",
          DATABASE_URL: database.url,
          PORT: "0",
          HOST: "127.0.0.1",
          SEED_DEMO: "false",
          REDIS_URL: undefined,
          SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
          JOB_POLL_INTERVAL_MS: String(JOB_POLL_INTERVAL_MS),
        },
        ready: /Staffroom is running at (http:\/\/\S+)/,
      });
      done("database seeded, Staffroom started");
      const graphqlUrl = `${server.url}/graphql`;
      const client = createClient({
        url: `${server.url.replace(/^http/, "ws")}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { token: ana.token },
        retryAttempts: 0,
      });
      let subscribed!: () => void;
      const ready = new Promise<void>((resolve) => (subscribed = resolve));
      dispose = client.subscribe<{ notifications: { notification: { kind: string } | null } }>(
        { query: FOLLOW },
        {
          next: (event) => {
            subscribed();
            if (event.data?.notifications.notification?.kind === "REPLY_TO_MY_FEEDBACK") inApp.shift()?.(performance.now());
          },
          error: (error) => console.error(`    subscription failed: ${String(error)}`),
          complete: () => {},
        },
      );
      const auth = (token: string) => ({ authorization: `Bearer ${token}` });
      const feedback = await postGraphQL(
        graphqlUrl,
        {
          query: ADD_FEEDBACK,
          variables: { input: { documentId: relayGlobalId("Document", school.documentIds[0]!), kind: "GLOW", body: "Clear objective." } },
        },
        auth(ana.token),
      );
      const threadId = feedback.json.data?.addFeedback?.data?.id as string | undefined;
      if (!threadId) throw new Error(`addFeedback failed: ${feedback.body.slice(0, 300)}`);
      // The subscription is live once it answered once: a warm-up reply (not measured) makes sure of it, and warms the jobs.
      const warm = [nextOf(inApp), nextOf(inbox)];
      await postGraphQL(graphqlUrl, { query: REPLY, variables: { id: threadId, body: "Warm-up" } }, auth(ben.token));
      await ready;
      await Promise.all(warm);

      const toBell: number[] = [];
      const toSmtp: number[] = [];
      for (let i = 0; i < REPLIES; i++) {
        const bell = nextOf(inApp);
        const mail = nextOf(inbox);
        const sentAt = performance.now();
        const reply = await postGraphQL(graphqlUrl, { query: REPLY, variables: { id: threadId, body: `Reply ${i + 1}` } }, auth(ben.token));
        if (reply.json.data?.replyToFeedback?.__typename !== "MutationReplyToFeedbackSuccess")
          throw new Error(`replyToFeedback failed: ${reply.body.slice(0, 300)}`);
        toBell.push((await bell) - sentAt);
        toSmtp.push((await mail) - sentAt);
      }
      const bellFigures = figures(toBell);
      const smtpFigures = figures(toSmtp);
      console.log(`    in-app: p50 ${bellFigures.p50} ms, p95 ${bellFigures.p95} ms; email: p50 ${smtpFigures.p50} ms, p95 ${smtpFigures.p95} ms`);
      return {
        id: "notifications",
        title: "Notifications: latency from a reply to the bell and to the SMTP server",
        method:
          `One Staffroom process (PostgreSQL, no Redis, JOB_POLL_INTERVAL_MS=${JOB_POLL_INTERVAL_MS}); Ben calls replyToFeedback over HTTP ${REPLIES} times, one after another, ` +
          "each reply after the previous one's notification and email arrived (plus one warm-up reply). Ana follows the notifications subscription over graphql-ws; " +
          "an SMTP server in the same process as the client receives her email at once (the notification.email job, then the outbox's email.send job). " +
          "Latency = arrival − send of the mutation, both in this process.",
        figures: { Staffroom: { replies: REPLIES, jobPollIntervalMs: JOB_POLL_INTERVAL_MS, toNotificationMs: bellFigures, toSmtpMs: smtpFigures } },
        table: [
          ["path", "replies", "p50 ms", "p95 ms", "max ms"],
          ["reply → notifications subscription", String(REPLIES), String(bellFigures.p50), String(bellFigures.p95), String(bellFigures.max)],
          ["reply → email at the SMTP server", String(REPLIES), String(smtpFigures.p50), String(smtpFigures.p95), String(smtpFigures.max)],
        ],
        notes: [
          "Not run in smoke mode. The client and the SMTP server share one process; the server is another process on the same machine.",
          "A job enqueued on the instance that runs it starts at once (pg-boss notifyWorker); the poll interval bounds only jobs from other instances and retries.",
        ],
      };
    } finally {
      dispose();
      await server?.stop();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await database.drop();
    }
  },
};
