// Websocket upgrades on the one http.Server: each endpoint answers `handleUpgrade` for its path.
import type http from "node:http";
import type { Duplex } from "node:stream";

export type UpgradeEndpoint = {
  handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
};

/** Refuses an upgrade with a plain HTTP response, before any websocket exists. */
export function refuseUpgrade(socket: Duplex, status: 400 | 401 | 403 | 404 | 500 | 503, reason: string) {
  const text: Record<number, string> = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    500: "Internal Server Error",
    503: "Service Unavailable",
  };
  if (!socket.writable) return socket.destroy();
  socket.end(
    `HTTP/1.1 ${status} ${text[status]}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  );
}
