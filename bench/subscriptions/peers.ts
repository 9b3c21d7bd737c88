// The two servers the subscription section compares. Both answer the load generator's
// feedbackActivity subscription and addFeedback mutation as written, on one seeded database.
import path from "node:path";
import { startListeningProcess, type ListeningProcess } from "../lib/child-process.ts";
import type { SeededSchool } from "../lib/school-seed.ts";
import { staffroom } from "../graphql/peers.ts";

export type SubscriptionPeer = {
  name: string;
  description: string;
  start(databaseUrl: string, school: SeededSchool): Promise<ListeningProcess>;
};

export const staffroomPeer: SubscriptionPeer = {
  name: "Staffroom",
  description:
    "the real api (api/src/main.ts), one process, no Redis (in-process event bus); authenticated, every event re-authorized per subscriber before delivery",
  start: (databaseUrl) => staffroom.start(databaseUrl),
};

export const yogaPubSubPeer: SubscriptionPeer = {
  name: "Yoga + in-memory pub/sub",
  description:
    "subscriptions/peer-server.ts: graphql-yoga + graphql-ws, yoga's createPubSub; addFeedback writes the same Feedback and ActivityEvent rows through Prisma in one transaction, then publishes; no auth",
  start: (databaseUrl, school) =>
    startListeningProcess({
      name: "Yoga pub/sub peer",
      script: path.join(import.meta.dirname, "peer-server.ts"),
      // The writer of the load generator: the peer has no sessions, so its author is fixed.
      env: { NODE_ENV: "production", DATABASE_URL: databaseUrl, AUTHOR_ID: school.firstGroupMembers[0]!.id },
      ready: /listening at (http:\/\/\S+)/,
    }),
};

export const SUBSCRIPTION_PEERS: SubscriptionPeer[] = [staffroomPeer, yogaPubSubPeer];
