// Raw HTTP over a TCP socket (node:net): request lines and headers exactly as written, which
// fetch and http.request refuse to send (malformed URLs, broken percent-encoding, bad Host).
import net from "node:net";

export type RawResponse = { status: number; headers: Record<string, string>; body: string; raw: string };

/** Sends `head` (request line and headers, without the blank line) and reads until the server closes. */
export function rawRequest(port: number, head: string, body = ""): Promise<RawResponse> {
  return exchange(port, `${head}\r\nConnection: close\r\n\r\n${body}`);
}

/** A websocket upgrade request for `target`; resolves when the server closes (every refusal closes). */
export function rawUpgrade(port: number, target: string, extraHeaders: string[] = []): Promise<RawResponse> {
  return exchange(port, `${upgradeHead(target, extraHeaders)}\r\n\r\n`);
}

function exchange(port: number, request: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let raw = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => (raw += chunk));
    socket.on("error", reject);
    socket.on("close", () => resolve(parse(raw)));
    socket.write(request, "latin1");
  });
}

/** The request line and headers of a websocket upgrade; a Host among `extraHeaders` replaces the default one. */
export function upgradeHead(target: string, extraHeaders: string[] = []): string {
  const hasHost = extraHeaders.some((header) => /^host:/i.test(header));
  return [
    `GET ${target} HTTP/1.1`,
    ...(hasHost ? [] : ["Host: 127.0.0.1"]),
    "Upgrade: websocket",
    "Connection: Upgrade",
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
    "Sec-WebSocket-Version: 13",
    ...extraHeaders,
  ].join("\r\n");
}

function parse(raw: string): RawResponse {
  const [head = "", ...rest] = raw.split("\r\n\r\n");
  const [statusLine = "", ...headerLines] = head.split("\r\n");
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status, headers, body: rest.join("\r\n\r\n"), raw };
}
