// A TCP proxy in front of PostgreSQL that counts the statements clients send: every simple
// Query ('Q') and every Execute ('E') of the extended protocol. Used to report "SQL statements
// per request" for peers we cannot instrument from inside (PostGraphile, another process).
// It adds a hop, so it is used for counting only, never while timing.
import net from "node:net";

export type StatementCounter = {
  /** postgresql:// URL that goes through the proxy, for `databaseUrl`'s database. */
  url: string;
  statements(): number;
  /** The SQL text of the statements parsed or queried so far, when started with `{ keepText: true }`. */
  texts(): string[];
  close(): Promise<void>;
};

export async function startStatementCounter(databaseUrl: string, { keepText = false } = {}): Promise<StatementCounter> {
  const target = new URL(databaseUrl);
  let statements = 0;
  const texts: string[] = [];
  const sockets = new Set<net.Socket>();

  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    let startup = true; // the first message (startup, or an SSL request) has no type byte
    let buffered: Buffer = Buffer.alloc(0);
    client.on("data", (chunk: Buffer) => {
      upstream.write(chunk);
      buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
      for (;;) {
        if (startup) {
          if (buffered.length < 8) break;
          const length = buffered.readInt32BE(0);
          if (buffered.length < length) break;
          // An SSLRequest (80877103) is followed by the real startup message.
          startup = buffered.readInt32BE(4) === 80877103;
          buffered = buffered.subarray(length);
          continue;
        }
        if (buffered.length < 5) break;
        const length = buffered.readInt32BE(1);
        if (buffered.length < 1 + length) break;
        const type = String.fromCharCode(buffered[0]!);
        if (type === "Q" || type === "E") statements++;
        if (keepText && type === "Q") texts.push(buffered.toString("utf8", 5, length).replace(/\0$/, ""));
        if (keepText && type === "P") {
          // Parse: statement name (C string), then the query text (C string).
          const nameEnd = buffered.indexOf(0, 5);
          texts.push(buffered.toString("utf8", nameEnd + 1, buffered.indexOf(0, nameEnd + 1)));
        }
        buffered = buffered.subarray(1 + length);
      }
    });
    upstream.on("data", (chunk: Buffer) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("close", end).on("error", end);
    upstream.on("close", end).on("error", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  const url = new URL(databaseUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return {
    url: url.toString(),
    statements: () => statements,
    texts: () => [...texts],
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
