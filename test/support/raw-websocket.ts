// A websocket client that does the handshake by hand on a bare TCP socket and then never reads
// again: what a stalled or malicious client looks like to the server. (ws' own client always
// reads, answers pings and completes the close handshake.) It can still send frames.
import { randomBytes } from "node:crypto";
import net from "node:net";

export type RawWebSocket = {
  socket: net.Socket;
  /** Sends one binary frame (masked, as a client must). */
  send(payload: Uint8Array): void;
  destroy(): void;
};

/** Opens `url` (ws://host:port/path?query) and resolves once the server answered 101; from then on nothing is read. */
export function openRawWebSocket(url: string, { protocol }: { protocol?: string } = {}): Promise<RawWebSocket> {
  const { hostname, port, pathname, search } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    socket.on("error", () => {}); // the server cutting us off is expected in these tests
    let head = "";
    const onData = (chunk: Buffer) => {
      head += chunk.toString("latin1");
      if (!head.includes("\r\n\r\n")) return;
      socket.off("data", onData);
      socket.pause(); // never read again: the kernel's buffers fill, then the server's
      if (!head.startsWith("HTTP/1.1 101")) return reject(new Error(`upgrade refused: ${head.split("\r\n")[0]}`));
      resolve({
        socket,
        send: (payload) => void socket.write(frame(payload)),
        destroy: () => socket.destroy(),
      });
    };
    socket.on("data", onData);
    socket.once("connect", () => {
      socket.write(
        [
          `GET ${pathname}${search} HTTP/1.1`,
          `Host: ${hostname}:${port}`,
          "Upgrade: websocket",
          "Connection: Upgrade",
          `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}`,
          "Sec-WebSocket-Version: 13",
          ...(protocol ? [`Sec-WebSocket-Protocol: ${protocol}`] : []),
          "",
          "",
        ].join("\r\n"),
      );
    });
  });
}

/** One masked binary frame (or text frame, `opcode` 1), FIN set. */
export function frame(payload: Uint8Array, opcode = 2): Buffer {
  const length = payload.length;
  const header = length < 126 ? Buffer.alloc(2) : length < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  header[0] = 0x80 | opcode;
  if (length < 126) header[1] = 0x80 | length;
  else if (length < 65536) {
    header[1] = 0x80 | 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  const mask = randomBytes(4);
  const masked = Buffer.alloc(length);
  for (let i = 0; i < length; i++) masked[i] = payload[i]! ^ mask[i & 3]!;
  return Buffer.concat([header, mask, masked]);
}
