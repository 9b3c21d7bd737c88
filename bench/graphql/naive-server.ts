// Peer: the GraphQL API people write first — graphql-yoga, an SDL, and one resolver per relation
// that runs its own Prisma query (so a nested read costs one query per parent: the N+1
// baseline). No authentication, no policies, no query limits: it only reads.
//   DATABASE_URL=… node --import tsx bench/graphql/naive-server.ts
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createSchema, createYoga } from "graphql-yoga";
import { openDatabase } from "../../api/src/db/client.ts";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("DATABASE_URL is required");
// The same client factory (and pg pool of 10) as Staffroom uses.
const db = await openDatabase({ databaseUrl, dataDir: "/nonexistent" });
const prisma = db.prisma;

const typeDefs = /* GraphQL */ `
  type Query {
    school(id: ID!): School
    document(id: ID!): Document
  }
  type School { id: ID! name: String! groups: [Group!]! }
  type Group { id: ID! name: String! kind: String! members: [GroupMember!]! sessions: [Session!]! }
  type GroupMember { id: ID! role: String! user: User! }
  type User { id: ID! name: String! }
  type Session { id: ID! title: String! startsAt: String! status: String! documents: [Document!]! }
  type Document { id: ID! title: String! kind: String! updatedAt: String! group: Group! }
`;

type Row = Record<string, any>;

const resolvers = {
  Query: {
    school: (_: unknown, { id }: { id: string }) => prisma.school.findUnique({ where: { id } }),
    document: (_: unknown, { id }: { id: string }) => prisma.document.findUnique({ where: { id } }),
  },
  School: {
    groups: (school: Row) => prisma.group.findMany({ where: { schoolId: school.id, archivedAt: null }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
  },
  Group: {
    members: (group: Row) => prisma.groupMember.findMany({ where: { groupId: group.id }, orderBy: [{ role: "desc" }, { joinedAt: "asc" }] }),
    sessions: (group: Row) => prisma.session.findMany({ where: { groupId: group.id }, orderBy: [{ startsAt: "asc" }, { id: "asc" }] }),
  },
  GroupMember: {
    user: (member: Row) => prisma.user.findUnique({ where: { id: member.userId } }),
  },
  Session: {
    startsAt: (session: Row) => (session.startsAt as Date).toISOString(),
    documents: (session: Row) => prisma.document.findMany({ where: { sessionId: session.id }, orderBy: [{ updatedAt: "desc" }, { id: "asc" }] }),
  },
  Document: {
    updatedAt: (document: Row) => (document.updatedAt as Date).toISOString(),
    group: (document: Row) => prisma.group.findUnique({ where: { id: document.groupId } }),
  },
};

const yoga = createYoga({ schema: createSchema({ typeDefs, resolvers }), graphqlEndpoint: "/graphql", landingPage: false, graphiql: false, logging: "warn" });
const server = createServer(yoga);
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  console.log(`Naive Yoga + Prisma is listening at http://127.0.0.1:${port}`);
});

const shutdown = () => {
  server.close();
  void db.close().finally(() => process.exit(0));
};
process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);
