// Peer: PostGraphile 5 (amber preset) on the same PostgreSQL database, served by grafserv on a
// plain node:http server. Its schema is generated from the tables Prisma's migrations made.
//   DATABASE_URL=… node --import tsx bench/graphql/postgraphile-server.ts
import "./promise-with-resolvers.ts";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { postgraphile } from "postgraphile";
import { makePgService } from "postgraphile/adaptors/pg";
import { grafserv } from "postgraphile/grafserv/node";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";

const connectionString = process.env.DATABASE_URL;
if (!connectionString) throw new Error("DATABASE_URL is required");

const pgl = postgraphile({
  extends: [PostGraphileAmberPreset],
  // Same pool size as the other peers (Prisma's pg pool holds 10 connections).
  pgServices: [makePgService({ connectionString, schemas: ["public"], poolConfig: { max: 10 } })],
  grafserv: { graphqlPath: "/graphql", graphiql: false, watch: false },
  grafast: { explain: false },
});

if (process.argv.includes("--print-schema")) {
  const { printSchema } = await import("postgraphile/graphql");
  console.log(printSchema(await pgl.getSchema()));
  await pgl.release();
  process.exit(0);
}

const serv = pgl.createServ(grafserv);
const server = createServer();
serv.addTo(server).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
await pgl.getSchema(); // introspect before we say we are ready
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  console.log(`PostGraphile is listening at http://127.0.0.1:${port}`);
});

const shutdown = () => {
  server.close();
  void Promise.resolve(pgl.release()).finally(() => process.exit(0));
};
process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);
