// Diagnostics for the GraphQL section (not part of `npm run bench`): SQL statements per request
// for each peer (through a counting proxy), and a CPU profile of one peer under load.
//   npx tsx graphql/profile.ts [--peer staffroom|naive|postgraphile] [--seconds 5] [--query nested|lookup]
// Writes results/profiles/<peer>-<query>.cpuprofile (open it in Chrome DevTools) and prints the
// functions and packages with the most self time.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createBenchDatabase } from "../lib/database.ts";
import { postGraphQL } from "../lib/graphql-http.ts";
import { startHttpLoadGenerator } from "../lib/http-load.ts";
import { startStatementCounter } from "../lib/pg-statement-counter.ts";
import { seedSchool } from "../lib/school-seed.ts";
import { naive, PEERS, postgraphile, staffroom, type Peer } from "./peers.ts";

const { values } = parseArgs({
  options: {
    peer: { type: "string", default: "staffroom" },
    seconds: { type: "string", default: "5" },
    query: { type: "string", default: "nested" },
  },
});
const byKey: Record<string, Peer> = { staffroom, naive, postgraphile };
const profiled = byKey[values.peer!];
if (!profiled) throw new Error(`--peer must be one of ${Object.keys(byKey).join(", ")}`);
const queryName = values.query === "lookup" ? "lookup" : "nested";

const database = await createBenchDatabase("profile");
try {
  const school = await seedSchool(database.url);
  const documentId = school.documentIds[0]!;

  console.log("SQL statements per request (counted at the PostgreSQL wire, second request of each):");
  // Staffroom on PGlite sends nothing over a wire: the graphql section counts it another way.
  for (const peer of PEERS.filter((p) => p.database === "postgresql")) {
    const counter = await startStatementCounter(database.url);
    const server = await peer.start(counter.url);
    try {
      for (const name of ["nested", "lookup"] as const) {
        const operation = name === "nested" ? peer.nested(school) : peer.lookup(school, documentId);
        await postGraphQL(`${server.url}/graphql`, operation, peer.headers(school)); // warm caches (schema, prepared plans)
        const before = counter.statements();
        const response = await postGraphQL(`${server.url}/graphql`, operation, peer.headers(school));
        if (response.json.errors) throw new Error(JSON.stringify(response.json.errors));
        console.log(`  ${peer.name.padEnd(24)} ${name.padEnd(7)} ${counter.statements() - before}`);
      }
    } finally {
      await server.stop();
      await counter.close();
    }
  }

  const profileDir = path.resolve(import.meta.dirname, "../results/profiles");
  const scratch = path.join(profileDir, "scratch");
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const server = await profiled.start(database.url, ["--cpu-prof", `--cpu-prof-dir=${scratch}`]);
  const generator = await startHttpLoadGenerator();
  const operation = queryName === "nested" ? profiled.nested(school) : profiled.lookup(school, documentId);
  const result = await generator.run({
    url: `${server.url}/graphql`,
    headers: profiled.headers(school),
    body: JSON.stringify(operation),
    connections: 10,
    durationSeconds: Number(values.seconds),
  });
  await generator.stop();
  await server.stop();
  console.log(`\n${profiled.name} ${queryName} under load: ${result.requestsPerSecond} req/s, p99 ${result.latencyMs.p99} ms`);

  const file = readdirSync(scratch).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error("no CPU profile was written (did the peer exit cleanly?)");
  const out = path.join(profileDir, `${values.peer}-${queryName}.cpuprofile`);
  renameSync(path.join(scratch, file), out);
  rmSync(scratch, { recursive: true, force: true });
  summarizeProfile(out, Number(values.seconds));
} finally {
  await database.drop();
}

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number } };
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

/** Self time per function and per package, over the samples of the load window only (startup excluded). */
function summarizeProfile(file: string, windowSeconds: number) {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const nodeById = new Map(profile.nodes.map((n) => [n.id, n]));
  const windowStart = profile.endTime - windowSeconds * 1e6;
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let total = 0;
  let time = profile.startTime;
  for (const [i, id] of profile.samples.entries()) {
    time += profile.timeDeltas[i] ?? 0;
    if (time < windowStart) continue;
    total++;
    const { functionName, url, lineNumber } = nodeById.get(id)!.callFrame;
    const where = url
      .replace(/^file:\/\//, "")
      .replace(/.*\/node_modules\//, "~/")
      .replace(/^\/work\/main\//, "");
    const key = `${functionName || "(anonymous)"}  ${where}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + 1);
    const pkg =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
      (url.includes("/work/main/") ? where.split("/").slice(0, 3).join("/") : functionName.startsWith("(") ? functionName : url ? "node:internal" : "(native)");
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + 1);
  }
  const top = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`)
      .join("\n");
  console.log(`\nself time by package, last ${windowSeconds} s (${total} samples):\n${top(byPackage, 18)}`);
  console.log(`\nself time by function:\n${top(byFunction, 30)}`);
  console.log(`\nprofile: ${path.relative(process.cwd(), file)}`);
}
