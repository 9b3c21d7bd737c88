// @hocuspocus/server 4.7 as a benchmark peer: in memory, default configuration (no extensions,
// no persistence, no authentication hook). Clients still send the auth message it expects first.
//
//   node --expose-gc --import tsx bench/yjs/peers/hocuspocus.ts   (env: PORT, default 0)
import { Server } from "@hocuspocus/server";
import { announceReady, serveRequests } from "../lib/child.ts";
import { heapReport } from "./heap.ts";

const server = new Server({ port: Number(process.env.PORT ?? 0), address: "127.0.0.1", quiet: true, stopOnSignals: false });
await server.listen();
serveRequests(
  {
    heap: heapReport,
    documents: () => server.hocuspocus.getDocumentsCount(),
  },
  // Exit without Server.destroy(): it waits for every document to unload, and the process ends anyway.
  () => void server.httpServer.close(),
);
announceReady({ port: server.address.port });
