// The GraphQL servers compared, each with the same two reads in its own schema's shape:
//   nested — one school's groups → members (with their user) → sessions → documents,
//   lookup — one document by id, with its group's name.
// Every peer selects the same fields of the same rows, so each response carries the same data.
import path from "node:path";
import { REPO_ROOT, startListeningProcess, type ListeningProcess } from "../lib/child-process.ts";
import { relayGlobalId } from "../lib/graphql-http.ts";
import type { SeededSchool } from "../lib/school-seed.ts";
import { embeddedCopyOfSchool } from "./embedded-school.ts";

export type Operation = { query: string; variables: Record<string, unknown> };

/** What a nested read returned, counted; equal for every peer or the comparison is void. */
export type TreeCounts = { groups: number; members: number; usersNamed: number; sessions: number; documents: number };

export type Peer = {
  name: string;
  description: string;
  /**
   * "pglite": the peer runs its database inside its own process, on a copy of the seeded one, so
   * there is no wire to count statements at and no PostgreSQL backend to measure.
   */
  database: "postgresql" | "pglite";
  /** Must answer byte for byte as this peer does: the same server on another database. */
  sameAnswersAs?: Peer;
  start(databaseUrl: string, nodeArgs?: string[]): Promise<ListeningProcess>;
  headers(school: SeededSchool): Record<string, string>;
  nested(school: SeededSchool): Operation;
  lookup(school: SeededSchool, documentId: string): Operation;
  countTree(data: any): TreeCounts;
  /** The looked-up document as { title, group }, to compare across peers. */
  readLookup(data: any): { title: string; group: string } | null;
};

// Production mode for every peer: Yoga and Grafast both skip development-only work then.
const PRODUCTION = { NODE_ENV: "production", GRAPHILE_ENV: "production" };
const script = (file: string) => path.join(REPO_ROOT, file);

type Tree = { groups: any[]; members: (g: any) => any[]; user: (m: any) => any; sessions: (g: any) => any[]; documents: (s: any) => any[] };

function count(tree: Tree): TreeCounts {
  const counts: TreeCounts = { groups: 0, members: 0, usersNamed: 0, sessions: 0, documents: 0 };
  for (const group of tree.groups) {
    counts.groups++;
    for (const member of tree.members(group)) {
      counts.members++;
      if (typeof tree.user(member)?.name === "string") counts.usersNamed++;
    }
    for (const session of tree.sessions(group)) {
      counts.sessions++;
      counts.documents += tree.documents(session).length;
    }
  }
  return counts;
}

const nodes = (connection: { edges: { node: any }[] }) => connection.edges.map((edge) => edge.node);

export const staffroom: Peer = {
  name: "Staffroom",
  description: "the real api (api/src/main.ts): Pothos + @pothos/plugin-prisma, authenticated, policies applied",
  database: "postgresql",
  start: (databaseUrl, nodeArgs) =>
    startListeningProcess({
      name: "Staffroom",
      // BENCH_STAFFROOM_ENTRY: measure a patched copy of the api (e.g. to try a fix) without touching api/src.
      script: process.env.BENCH_STAFFROOM_ENTRY ?? script("api/src/main.ts"),
      // One instance, no Redis: this section measures the GraphQL path, not the fan-out.
      env: { ...PRODUCTION, DATABASE_URL: databaseUrl, PORT: "0", HOST: "127.0.0.1", SEED_DEMO: "false", REDIS_URL: undefined },
      ready: /Staffroom is running at (http:\/\/\S+)/,
      ...(nodeArgs ? { nodeArgs } : {}),
    }),
  headers: (school) => ({ authorization: `Bearer ${school.coach.token}` }),
  nested: (school) => ({
    query: `query Nested($id: ID!) { node(id: $id) { ... on School { name groups(first: 20) { edges { node { id name kind
      members(first: 10) { edges { node { role user { name } } } }
      sessions(first: 10) { edges { node { id title startsAt status
        documents(first: 10) { edges { node { id title kind updatedAt } } } } } } } } } } } }`,
    variables: { id: relayGlobalId("School", school.schoolId) },
  }),
  lookup: (_school, documentId) => ({
    query: `query Lookup($id: ID!) { node(id: $id) { ... on Document { id title kind updatedAt group { name } } } }`,
    variables: { id: relayGlobalId("Document", documentId) },
  }),
  countTree: (data) =>
    count({
      groups: nodes(data.node.groups),
      members: (g) => nodes(g.members),
      user: (m) => m.user,
      sessions: (g) => nodes(g.sessions),
      documents: (s) => nodes(s.documents),
    }),
  readLookup: (data) => (data?.node ? { title: data.node.title, group: data.node.group?.name } : null),
};

export const naive: Peer = {
  name: "Yoga + Prisma (naive)",
  description: "graphql-yoga with an SDL and one Prisma query per relation resolver; no auth, no policies",
  database: "postgresql",
  start: (databaseUrl, nodeArgs) =>
    startListeningProcess({
      name: "naive Yoga + Prisma",
      script: script("bench/graphql/naive-server.ts"),
      env: { ...PRODUCTION, DATABASE_URL: databaseUrl },
      ready: /listening at (http:\/\/\S+)/,
      ...(nodeArgs ? { nodeArgs } : {}),
    }),
  headers: () => ({}),
  nested: (school) => ({
    query: `query Nested($id: ID!) { school(id: $id) { name groups { id name kind
      members { role user { name } }
      sessions { id title startsAt status
        documents { id title kind updatedAt } } } } }`,
    variables: { id: school.schoolId },
  }),
  lookup: (_school, documentId) => ({
    query: `query Lookup($id: ID!) { document(id: $id) { id title kind updatedAt group { name } } }`,
    variables: { id: documentId },
  }),
  countTree: (data) =>
    count({
      groups: data.school.groups,
      members: (g) => g.members,
      user: (m) => m.user,
      sessions: (g) => g.sessions,
      documents: (s) => s.documents,
    }),
  readLookup: (data) => (data?.document ? { title: data.document.title, group: data.document.group?.name } : null),
};

export const postgraphile: Peer = {
  name: "PostGraphile 5",
  description: "postgraphile 5.1.5, preset amber, grafserv on node:http; no auth (no RLS), schema generated from the tables",
  database: "postgresql",
  start: (databaseUrl, nodeArgs) =>
    startListeningProcess({
      name: "PostGraphile",
      script: script("bench/graphql/postgraphile-server.ts"),
      env: { ...PRODUCTION, DATABASE_URL: databaseUrl },
      ready: /listening at (http:\/\/\S+)/,
      ...(nodeArgs ? { nodeArgs } : {}),
    }),
  headers: () => ({}),
  nested: (school) => ({
    query: `query Nested($id: UUID!) { schoolByRowId(rowId: $id) { name groupsBySchoolId(first: 20) { nodes { id name kind
      groupMembersByGroupId(first: 10) { nodes { role userByUserId { name } } }
      sessionsByGroupId(first: 10) { nodes { id title startsAt status
        documentsBySessionId(first: 10) { nodes { id title kind updatedAt } } } } } } } }`,
    variables: { id: school.schoolId },
  }),
  lookup: (_school, documentId) => ({
    query: `query Lookup($id: UUID!) { documentByRowId(rowId: $id) { id title kind updatedAt groupByGroupId { name } } }`,
    variables: { id: documentId },
  }),
  countTree: (data) =>
    count({
      groups: data.schoolByRowId.groupsBySchoolId.nodes,
      members: (g) => g.groupMembersByGroupId.nodes,
      user: (m) => m.userByUserId,
      sessions: (g) => g.sessionsByGroupId.nodes,
      documents: (s) => s.documentsBySessionId.nodes,
    }),
  readLookup: (data) => (data?.documentByRowId ? { title: data.documentByRowId.title, group: data.documentByRowId.groupByGroupId?.name } : null),
};

export const staffroomOnPglite: Peer = {
  ...staffroom,
  name: "Staffroom (PGlite)",
  description:
    "the same api with no DATABASE_URL, so on its zero-setup default: embedded PGlite in DATA_DIR, a temporary folder migrated as the api migrates it and holding a copy of the seeded rows",
  database: "pglite",
  sameAnswersAs: staffroom,
  start: async (databaseUrl, nodeArgs) => {
    const school = await embeddedCopyOfSchool(databaseUrl);
    try {
      const started = await startListeningProcess({
        name: "Staffroom (PGlite)",
        script: process.env.BENCH_STAFFROOM_ENTRY ?? script("api/src/main.ts"),
        env: { ...PRODUCTION, DATABASE_URL: undefined, DATA_DIR: school.dataDir, PORT: "0", HOST: "127.0.0.1", SEED_DEMO: "false", REDIS_URL: undefined },
        ready: /Staffroom is running at (http:\/\/\S+)/,
        ...(nodeArgs ? { nodeArgs } : {}),
      });
      return {
        ...started,
        stop: async () => {
          await started.stop();
          await school.remove();
        },
      };
    } catch (error) {
      await school.remove();
      throw error;
    }
  },
};

export const PEERS: Peer[] = [staffroom, naive, postgraphile, staffroomOnPglite];
