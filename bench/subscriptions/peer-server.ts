// Peer: live feedback as people write it without trust rules — graphql-yoga, graphql-ws, yoga's
// in-memory pub/sub. addFeedback writes the same rows as Staffroom's (a Feedback and its
// FEEDBACK_ADDED ActivityEvent, in one transaction) through the same Prisma client, then
// publishes; every subscriber of the document gets the event as it is. No authentication: tokens
// are ignored and every feedback is written as AUTHOR_ID.
//   DATABASE_URL=… AUTHOR_ID=… node --import tsx bench/subscriptions/peer-server.ts
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { ExecutionArgs } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { createPubSub, createSchema, createYoga } from "graphql-yoga";
import { WebSocketServer } from "ws";
import { openDatabase } from "../../api/src/db/client.ts";
import type { FeedbackKind } from "../../api/src/generated/prisma/client.ts";

const databaseUrl = process.env.DATABASE_URL;
const authorId = process.env.AUTHOR_ID;
if (!databaseUrl || !authorId) throw new Error("DATABASE_URL and AUTHOR_ID are required");
// The same client factory (and pg pool of 10) as Staffroom uses.
const db = await openDatabase({ databaseUrl, dataDir: "/nonexistent" });
const prisma = db.prisma;

type FeedbackActivity = { id: string; subjectId: string };
const pubSub = createPubSub<{ feedbackActivity: [documentId: string, event: FeedbackActivity] }>();

/** The load generator speaks Staffroom's schema, whose ids are relay global ids (base64 of "Type:id"). */
function documentIdOf(globalId: string): string {
  const [type, id] = Buffer.from(globalId, "base64").toString("utf8").split(":");
  if (type !== "Document" || !id) throw new Error(`not a Document id: ${globalId}`);
  return id;
}

// Type and field names as in Staffroom's schema, so the load generator's operations run unchanged.
const typeDefs = /* GraphQL */ `
  type Query { ok: Boolean! }
  enum FeedbackKind { GLOW GROW QUESTION NOTE }
  input AddFeedbackInput { documentId: ID! kind: FeedbackKind! body: String! }
  type Feedback { id: ID! }
  type MutationAddFeedbackSuccess { data: Feedback! }
  type Mutation { addFeedback(input: AddFeedbackInput!): MutationAddFeedbackSuccess! }
  type ActivityNotification { id: ID! subjectId: ID! }
  type Subscription { feedbackActivity(documentId: ID!): ActivityNotification! }
`;

type AddFeedbackInput = { documentId: string; kind: FeedbackKind; body: string };

const resolvers = {
  Query: { ok: () => true },
  Mutation: {
    addFeedback: async (_: unknown, { input }: { input: AddFeedbackInput }) => {
      const documentId = documentIdOf(input.documentId);
      const document = await prisma.document.findUniqueOrThrow({ where: { id: documentId }, select: { groupId: true, group: { select: { schoolId: true } } } });
      const activity = await prisma.$transaction(async (tx) => {
        const feedback = await tx.feedback.create({ data: { documentId, authorId, kind: input.kind, body: input.body.trim() }, select: { id: true } });
        return tx.activityEvent.create({
          data: {
            schoolId: document.group.schoolId,
            groupId: document.groupId,
            actorId: authorId,
            type: "FEEDBACK_ADDED",
            subjectId: feedback.id,
            payload: { kind: input.kind, documentId },
          },
          select: { id: true, subjectId: true },
        });
      });
      const event = { id: activity.id, subjectId: activity.subjectId! };
      // After the commit, as Staffroom does: nobody hears of a row that was rolled back.
      pubSub.publish("feedbackActivity", documentId, event);
      return { data: { id: event.subjectId } };
    },
  },
  Subscription: {
    feedbackActivity: {
      subscribe: (_: unknown, { documentId }: { documentId: string }) => pubSub.subscribe("feedbackActivity", documentIdOf(documentId)),
      resolve: (event: FeedbackActivity) => event,
    },
  },
};

const yoga = createYoga({ schema: createSchema({ typeDefs, resolvers }), graphqlEndpoint: "/graphql", landingPage: false, graphiql: false, logging: "warn" });
const server = createServer(yoga);

type Enveloped = ReturnType<typeof yoga.getEnveloped>;
type EnvelopedRoot = { execute: Enveloped["execute"]; subscribe: Enveloped["subscribe"] };

// graphql-ws on the same port and path, running each operation through yoga's envelop (yoga's documented setup).
const sockets = new WebSocketServer({ server, path: "/graphql" });
useServer(
  {
    execute: (args: ExecutionArgs) => (args.rootValue as EnvelopedRoot).execute(args),
    subscribe: (args: ExecutionArgs) => (args.rootValue as EnvelopedRoot).subscribe(args),
    onSubscribe: async (ctx, _id, params) => {
      const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
        ...ctx,
        req: ctx.extra.request,
        socket: ctx.extra.socket,
        params,
      });
      const document = parse(params.query);
      const errors = validate(schema, document);
      if (errors.length > 0) return errors;
      const rootValue: EnvelopedRoot = { execute, subscribe };
      return { schema, document, operationName: params.operationName, variableValues: params.variables, contextValue: await contextFactory(), rootValue };
    },
  },
  sockets,
);

server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  console.log(`Yoga pub/sub peer is listening at http://127.0.0.1:${port}`);
});

const shutdown = () => {
  for (const socket of sockets.clients) socket.terminate();
  sockets.close();
  server.close();
  void db.close().finally(() => process.exit(0));
};
process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);
