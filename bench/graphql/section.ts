// GraphQL throughput: Staffroom vs a naive graphql-yoga + Prisma API vs PostGraphile 5, all on
// one seeded PostgreSQL database, and Staffroom on its embedded default (PGlite) holding a copy of
// that school; each in its own process, loaded by the same autocannon process.
import { createBenchDatabase } from "../lib/database.ts";
import { postGraphQL } from "../lib/graphql-http.ts";
import { startHttpLoadGenerator, type HttpLoadGenerator, type HttpLoadResult } from "../lib/http-load.ts";
import type { ListeningProcess } from "../lib/child-process.ts";
import { startStatementCounter, type StatementCounter } from "../lib/pg-statement-counter.ts";
import { backendCpuBetween, cpuSeconds, startBackendCpuMeter, type BackendCpuMeter } from "../lib/process-cpu.ts";
import { phases } from "../lib/progress.ts";
import { seedSchool, type SeededSchool } from "../lib/school-seed.ts";
import type { BenchOptions, Section, SectionResult } from "../lib/section.ts";
import { countEmbeddedStatements } from "./embedded-statements.ts";
import { naive, PEERS, type Operation, type Peer, type TreeCounts } from "./peers.ts";

const CONNECTIONS = 10;
const FULL = { measureSeconds: 5, warmupSeconds: 1, measureRequests: undefined, warmupRequests: undefined };
// Smoke: a fixed number of requests rather than a duration, so even a crawling CI machine gets answers to check.
const SMOKE = { measureSeconds: 30, warmupSeconds: 30, measureRequests: 20, warmupRequests: 10 };

type QueryName = "nested" | "lookup";
const QUERIES: { name: QueryName; title: string }[] = [
  { name: "nested", title: "nested read" },
  { name: "lookup", title: "lookup by id" },
];

type Verified = { operation: Operation; body: string; counts?: TreeCounts; lookup?: { title: string; group: string } };

/** Runs one operation once, outside the load, and checks it returned what the seed holds. */
async function verify(peer: Peer, url: string, school: SeededSchool, name: QueryName, documentId: string): Promise<Verified> {
  const operation = name === "nested" ? peer.nested(school) : peer.lookup(school, documentId);
  const response = await postGraphQL(`${url}/graphql`, operation, peer.headers(school));
  if (response.status !== 200 || response.json.errors?.length || !response.json.data) {
    throw new Error(`${peer.name} ${name}: status ${response.status}, ${response.body.slice(0, 500)}`);
  }
  if (name === "nested") return { operation, body: response.body, counts: peer.countTree(response.json.data) };
  const lookup = peer.readLookup(response.json.data);
  if (!lookup) throw new Error(`${peer.name} lookup returned no document: ${response.body}`);
  return { operation, body: response.body, lookup };
}

type Started = { process: ListeningProcess; counter: StatementCounter | null };

/** Starts a peer, through a statement-counting proxy when `counted` (PostgreSQL peers only: PGlite has no wire). */
async function startPeer(peer: Peer, databaseUrl: string, counted: boolean): Promise<Started> {
  const counter = counted && peer.database === "postgresql" ? await startStatementCounter(databaseUrl) : null;
  try {
    return { process: await peer.start(counter?.url ?? databaseUrl), counter };
  } catch (error) {
    await counter?.close();
    throw error;
  }
}

async function stopPeer(started: Started) {
  await started.process.stop();
  await started.counter?.close();
}

/** SQL statements the peer sends for one request of each query (after a first request has filled its caches). */
async function countStatements(peer: Peer, started: Started, school: SeededSchool, documentId: string): Promise<Record<QueryName, number>> {
  const counter = started.counter!;
  const perQuery = { nested: 0, lookup: 0 };
  for (const name of ["nested", "lookup"] as const) {
    const operation = name === "nested" ? peer.nested(school) : peer.lookup(school, documentId);
    await postGraphQL(`${started.process.url}/graphql`, operation, peer.headers(school));
    const before = counter.statements();
    const response = await postGraphQL(`${started.process.url}/graphql`, operation, peer.headers(school));
    if (response.json.errors?.length) throw new Error(`${peer.name} ${name}: ${response.body.slice(0, 500)}`);
    perQuery[name] = counter.statements() - before;
  }
  return perQuery;
}

/** The same, for a peer on PGlite: from the app's statement counter (db.onQuery), on an instance of its own in this process. */
function countEmbedded(peer: Peer, databaseUrl: string, school: SeededSchool, documentId: string): Promise<Record<QueryName, number>> {
  const counted = (operation: Operation) => ({ body: JSON.stringify(operation), headers: peer.headers(school) });
  return countEmbeddedStatements(databaseUrl, { nested: counted(peer.nested(school)), lookup: counted(peer.lookup(school, documentId)) });
}

function sameCounts(a: TreeCounts, b: TreeCounts) {
  return a.groups === b.groups && a.members === b.members && a.usersNamed === b.usersNamed && a.sessions === b.sessions && a.documents === b.documents;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export const section: Section = {
  id: "graphql",
  async run({ smoke }: BenchOptions): Promise<SectionResult> {
    const timing = smoke ? SMOKE : FULL;
    const done = phases();
    const database = await createBenchDatabase("graphql");
    const running: Started[] = [];
    let generator: HttpLoadGenerator | null = null;
    let meter: BackendCpuMeter | null = null;
    try {
      const school = await seedSchool(database.url);
      const documentId = school.documentIds[Math.floor(school.documentIds.length / 2)]!;
      done("database created and seeded");
      // SQL statements per request, counted at the PostgreSQL wire by a proxy. In a full run on
      // separate instances of the peers, so the timed ones never pay for the extra hop; a smoke
      // run's figures mean nothing anyway, so there the timed peers themselves go through it.
      const statements = new Map<Peer, Record<QueryName, number>>();
      const countingEmbedded = Promise.all(
        PEERS.filter((peer) => peer.database === "pglite").map(async (peer) =>
          statements.set(peer, await countEmbedded(peer, database.url, school, documentId)),
        ),
      );
      // Settled below; a failure must not go unhandled meanwhile.
      countingEmbedded.catch(() => {});
      if (!smoke) {
        await Promise.all(
          PEERS.filter((peer) => peer.database === "postgresql").map(async (peer) => {
            const counted = await startPeer(peer, database.url, true);
            try {
              statements.set(peer, await countStatements(peer, counted, school, documentId));
            } finally {
              await stopPeer(counted);
            }
          }),
        );
        await countingEmbedded;
        done("SQL statements counted");
      }
      const peers = new Map<Peer, Started>();
      await Promise.all(
        PEERS.map(async (peer) => {
          const started = await startPeer(peer, database.url, smoke);
          running.push(started);
          peers.set(peer, started);
          if (started.counter) statements.set(peer, await countStatements(peer, started, school, documentId));
        }),
      );
      await countingEmbedded;
      const urlOf = (peer: Peer) => peers.get(peer)!.process.url;
      done(`peers started${smoke ? ", SQL statements counted" : ""}`);

      // Same data from every peer, or there is nothing to compare.
      const verified = new Map<Peer, Record<QueryName, Verified>>();
      for (const peer of PEERS) {
        const url = urlOf(peer);
        verified.set(peer, { nested: await verify(peer, url, school, "nested", documentId), lookup: await verify(peer, url, school, "lookup", documentId) });
      }
      const expected: TreeCounts = { ...school.expected, usersNamed: school.expected.members };
      for (const peer of PEERS) {
        const { nested, lookup } = verified.get(peer)!;
        if (!sameCounts(nested.counts!, expected)) {
          throw new Error(`${peer.name}'s nested read returned ${JSON.stringify(nested.counts)}, expected ${JSON.stringify(expected)}`);
        }
        if (peer.sameAnswersAs) {
          const reference = verified.get(peer.sameAnswersAs)!;
          for (const name of ["nested", "lookup"] as const) {
            if (verified.get(peer)![name].body !== reference[name].body) {
              throw new Error(`${peer.name}'s ${name} answer differs from ${peer.sameAnswersAs.name}'s:\n${verified.get(peer)![name].body.slice(0, 500)}`);
            }
          }
        }
        const reference = verified.get(PEERS[0]!)!.lookup.lookup!;
        if (lookup.lookup!.title !== reference.title || lookup.lookup!.group !== reference.group) {
          throw new Error(`${peer.name}'s lookup returned ${JSON.stringify(lookup.lookup)}, ${PEERS[0]!.name}'s ${JSON.stringify(reference)}`);
        }
      }

      done("responses verified");

      generator = await startHttpLoadGenerator();
      meter = await startBackendCpuMeter(database.url);
      const cpu = new Map<Peer, Partial<Record<QueryName, { serverCpuMsPerRequest: number | null; databaseCpuMsPerRequest: number | null }>>>();
      // Load: per query, every peer in turn (order reversed for the second query), each warmed first.
      const results = new Map<Peer, Partial<Record<QueryName, HttpLoadResult>>>();
      const orders: string[] = [];
      for (const [index, { name }] of QUERIES.entries()) {
        const order = index % 2 === 0 ? PEERS : [...PEERS].reverse();
        orders.push(`${name}: ${order.map((p) => p.name).join(" → ")}`);
        for (const peer of order) {
          const { operation, body } = verified.get(peer)![name];
          const load = {
            url: `${urlOf(peer)}/graphql`,
            headers: peer.headers(school),
            body: JSON.stringify(operation),
            connections: CONNECTIONS,
            expectBody: body,
          };
          process.stdout.write(`    ${name} · ${peer.name} … `);
          await generator.run({ ...load, durationSeconds: timing.warmupSeconds, amount: timing.warmupRequests });
          // CPU used by the peer's process and by the database's backends during the timed run: on a
          // shared machine these move far less than requests per second.
          const serverBefore = cpuSeconds(peers.get(peer)!.process.child.pid);
          const databaseBefore = await meter.read();
          const result = await generator.run({ ...load, durationSeconds: timing.measureSeconds, amount: timing.measureRequests });
          const serverAfter = cpuSeconds(peers.get(peer)!.process.child.pid);
          // On PGlite the database works inside the peer's process: its CPU is in the server's figure.
          const databaseUsed = peer.database === "pglite" ? null : backendCpuBetween(databaseBefore, await meter.read());
          const perRequest = (seconds: number | null) =>
            seconds === null || !result.requests ? null : Math.round((seconds * 1000 * 100) / result.requests) / 100;
          cpu.set(peer, {
            ...cpu.get(peer),
            [name]: {
              serverCpuMsPerRequest: perRequest(serverBefore === null || serverAfter === null ? null : serverAfter - serverBefore),
              databaseCpuMsPerRequest: perRequest(databaseUsed),
            },
          });
          console.log(`${result.requestsPerSecond} req/s, p99 ${result.latencyMs.p99} ms`);
          results.set(peer, { ...results.get(peer), [name]: result });
        }
      }

      const naiveOf = (name: QueryName) => results.get(naive)![name]!.requestsPerSecond;
      const figures: SectionResult["figures"] = {};
      const table: string[][] = [
        [
          "query",
          "peer",
          "req/s",
          "p50 ms",
          "p99 ms",
          "errors / non-2xx / wrong body",
          "SQL statements / request",
          "server CPU ms / request",
          "PostgreSQL CPU ms / request",
          "req/s vs naive",
        ],
      ];
      for (const { name, title } of QUERIES) {
        for (const peer of PEERS) {
          const r = results.get(peer)![name]!;
          figures[peer.name] = {
            ...figures[peer.name],
            [name]: {
              ...r,
              ...cpu.get(peer)![name],
              responseBytes: verified.get(peer)![name].body.length,
              sqlStatementsPerRequest: statements.get(peer)![name],
            },
            ...(name === "nested" ? { nestedCounts: verified.get(peer)!.nested.counts } : {}),
          };
          table.push([
            title,
            peer.name,
            String(r.requestsPerSecond),
            String(r.latencyMs.p50),
            String(r.latencyMs.p99),
            `${r.errors + r.timeouts} / ${r.non2xx} / ${r.mismatches}`,
            String(statements.get(peer)![name]),
            String(cpu.get(peer)![name]!.serverCpuMsPerRequest ?? "—"),
            String(cpu.get(peer)![name]!.databaseCpuMsPerRequest ?? "—"),
            naiveOf(name) > 0 ? `${round1(r.requestsPerSecond / naiveOf(name))}×` : "—",
          ]);
        }
      }
      const counts = verified.get(PEERS[0]!)!.nested.counts!;
      return {
        id: "graphql",
        title: "GraphQL: nested read and lookup by id",
        method:
          `autocannon 8 in its own process, ${CONNECTIONS} connections, POST /graphql, ` +
          (smoke
            ? `${timing.measureRequests} requests per peer per query after ${timing.warmupRequests} warm-up requests; `
            : `${timing.measureSeconds} s per peer per query after a ${timing.warmupSeconds} s warm-up; `) +
          `peers in alternating order (${orders.join("; ")}). One seeded PostgreSQL database shared by the PostgreSQL peers, and a copy of its rows in the PGlite peer's own data folder: ` +
          `${school.shape.groups} PLCs × ${school.shape.membersPerGroup} members × ${school.shape.sessionsPerGroup} sessions × ${school.shape.documentsPerSession} documents. ` +
          `The nested read returns ${counts.groups} groups, ${counts.members} members with their user, ${counts.sessions} sessions and ${counts.documents} documents from every peer (checked before the load); ` +
          `Staffroom on PGlite must answer exactly as Staffroom on PostgreSQL. ` +
          `Every response under load must equal its peer's verified body byte for byte, or it counts as "wrong body". ` +
          `SQL statements per request were counted at the PostgreSQL wire (a counting proxy)` +
          (smoke ? "" : " on separate instances of the peers, never on the timed ones") +
          `; for the PGlite peer, from the app's own statement counter on a separate instance in the benchmark's process. ` +
          `CPU per request: CPU time (user + system, from /proc) of the peer's process, and of all PostgreSQL backends of the benchmark database, during the timed run, divided by the requests served.`,
        figures,
        table,
        notes: [
          "Staffroom requests are authenticated (Bearer session token of the school's instructional coach) and go through its policies: each request loads the actor (session, school roles, readable groups) before resolving, and every list is filtered by what the coach may read. Its query limits (depth, cost, aliases) are on, at their defaults.",
          "The naive Yoga + Prisma API and PostGraphile have no authentication and no authorization (PostGraphile without RLS): they do less work per request by design.",
          "Every peer runs with NODE_ENV=production (and GRAPHILE_ENV=production for PostGraphile); the PostgreSQL peers with a pg pool of 10 connections.",
          ...(PEERS.some((p) => p.database === "pglite")
            ? [
                "Staffroom (PGlite) is the same api on its zero-setup default, embedded PGlite: one single-threaded database connection inside the api's own process, so its database work shares the process (and its event loop) with the GraphQL work. Its server CPU per request therefore includes the database's, and its PostgreSQL CPU column is empty (—).",
                "Its SQL statements cannot be counted at a wire, as PGlite has none: they are counted by the app's own statement counter (Prisma's query events and every statement of its raw runner), on a separate instance started in the benchmark's own process on another copy of the school. On PostgreSQL, that way and the wire proxy give the same count.",
              ]
            : []),
          ...PEERS.map((p) => `${p.name}: ${p.description}.`),
          ...(smoke ? ["Smoke mode: durations are far too short for the figures to mean anything; this run only proves the benchmark works."] : []),
        ],
      };
    } finally {
      await generator?.stop();
      await meter?.close();
      for (const started of running) await stopPeer(started);
      await database.drop();
    }
  },
};
