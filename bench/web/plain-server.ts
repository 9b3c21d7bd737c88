// The web section's baseline: the same build (web/dist) served the way Staffroom served it before
// issue 14 — every file as it is (no brotli, no gzip), no Cache-Control, no ETag, index.html for
// every route (no route shells) — while /graphql and /collab (HTTP and websockets) go to the same
// Staffroom process the other peer is. Only the delivery of the web app differs between the two.
//
//   WEB_DIR=… UPSTREAM_URL=http://127.0.0.1:4100 PORT=0 node --import tsx bench/web/plain-server.ts
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import path from "node:path";

const webDir = path.resolve(process.env.WEB_DIR ?? "web/dist");
const upstream = new URL(process.env.UPSTREAM_URL ?? "http://127.0.0.1:4000");
const CONTENT_TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css" };

function proxy(req: http.IncomingMessage, res: http.ServerResponse) {
  const forwarded = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  forwarded.on("error", () => res.destroy());
  req.pipe(forwarded);
}

async function serveFile(pathname: string, res: http.ServerResponse) {
  const named = path.resolve(webDir, `.${decodeURIComponent(pathname)}`);
  for (const file of named.startsWith(webDir + path.sep) ? [named, path.join(webDir, "index.html")] : [path.join(webDir, "index.html")]) {
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) continue;
    res.writeHead(200, { "content-type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream", "content-length": info.size });
    createReadStream(file).pipe(res);
    return;
  }
  res.writeHead(404).end();
}

const server = http.createServer((req, res) => {
  const { pathname } = new URL(req.url ?? "/", "http://localhost");
  if (pathname === "/graphql" || pathname.startsWith("/collab/")) return proxy(req, res);
  serveFile(pathname, res).catch(() => res.destroy());
});

// Websockets (graphql-ws, y-websocket): the request head as it came, then bytes both ways.
server.on("upgrade", (req, socket, head) => {
  const connection = net.connect(Number(upstream.port), upstream.hostname, () => {
    const headers = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    connection.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers.join("\r\n")}\r\n\r\n`);
    connection.write(head);
    socket.pipe(connection).pipe(socket);
  });
  const close = () => {
    socket.destroy();
    connection.destroy();
  };
  connection.on("error", close);
  socket.on("error", close);
  connection.on("close", close);
  socket.on("close", close);
});

server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`Plain static server is running at http://127.0.0.1:${port}`);
});
process.once("SIGTERM", () => process.exit(0));
