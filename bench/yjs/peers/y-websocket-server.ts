// @y/websocket-server 0.1.1 as a benchmark peer: setupWSConnection from its utils on a plain
// http + ws server, exactly like its own bin (src/server.js), without persistence.
//
//   node --expose-gc --import tsx bench/yjs/peers/y-websocket-server.ts   (env: PORT, default 0)
import http from "node:http";
import type { AddressInfo } from "node:net";
import { docs, setupWSConnection } from "@y/websocket-server/utils";
import { WebSocketServer } from "ws";
import { announceReady, serveRequests } from "../lib/child.ts";
import { heapReport } from "./heap.ts";

const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_request, response) => {
  response.writeHead(200, { "Content-Type": "text/plain" });
  response.end("okay");
});
wss.on("connection", setupWSConnection);
server.on("upgrade", (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit("connection", ws, request));
});
await new Promise<void>((resolve) => server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", resolve));
serveRequests(
  {
    heap: heapReport,
    documents: () => docs.size,
  },
  () => {
    for (const ws of wss.clients) ws.terminate();
    server.close();
  },
);
announceReady({ port: (server.address() as AddressInfo).port });
