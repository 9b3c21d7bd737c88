// A real SMTP server in the test process (smtp-server, the protocol peer nodemailer's authors
// maintain): the app sends its email here over SMTP as it would to any relay, and tests read what
// arrived (parsed by mailparser) to follow the links in it. It can also misbehave the ways relays
// do: refuse for now (451, a temporary failure the app must retry) or stall with the message half
// sent (it took the DATA but never answers), which is how a send hangs when a process is killed.
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type ReceivedEmail = { to: string[]; from: string; subject: string; text: string; html: string; messageId: string };

/** accept: a working relay; refuse: answers every message with 451 (try later); stall: reads the message, never answers. */
export type RelayBehaviour = "accept" | "refuse" | "stall";

export type Mailbox = {
  /** The SMTP URL to give the app (`mail.smtpUrl`). */
  url: string;
  /** Every email received so far, oldest first. */
  received: ReceivedEmail[];
  /** How the relay answers from now on. */
  behave(behaviour: RelayBehaviour): void;
  /** Messages refused (451) or left hanging so far: attempts the app made that did not deliver. */
  readonly attemptsNotDelivered: number;
  /** Resolves when the next message starts arriving while the relay stalls (the app is now stuck in its send). */
  stalled(): Promise<void>;
  /** The emails received so far for one address. */
  to(address: string): ReceivedEmail[];
  /** The next email for `address` that no earlier call returned: one already here, or the next to arrive (within `waitMs`). */
  next(address: string, waitMs?: number): Promise<ReceivedEmail>;
  close(): Promise<void>;
};

export async function startMailbox({ port = 0, behaviour: initial = "accept" }: { port?: number; behaviour?: RelayBehaviour } = {}): Promise<Mailbox> {
  let behaviour = initial;
  let notDelivered = 0;
  let onStall: (() => void) | undefined;
  const received: ReceivedEmail[] = [];
  const taken = new Set<ReceivedEmail>();
  const waiting: { address: string; resolve: (email: ReceivedEmail) => void }[] = [];
  // Generous (the machine may be busy): it only turns "never arrived" into a clear failure.
  const DEFAULT_WAIT_MS = 20_000;

  const deliver = (email: ReceivedEmail) => {
    received.push(email);
    const waiter = waiting.find((w) => email.to.includes(w.address));
    if (waiter) {
      waiting.splice(waiting.indexOf(waiter), 1);
      taken.add(email);
      waiter.resolve(email);
    }
  };

  const server = new SMTPServer({
    // Plain SMTP on localhost, anyone may send: what a relay inside a private network looks like.
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    // Stalled sessions must not hold the test's close() for long.
    closeTimeout: 500,
    onData(stream, session, callback) {
      if (behaviour !== "accept") {
        notDelivered++;
        stream.resume();
        if (behaviour === "stall") {
          onStall?.();
          return; // never answers: the sender hangs until its own timeout, or its end
        }
        return stream.once("end", () => callback(Object.assign(new Error("Try again later"), { responseCode: 451 })));
      }
      simpleParser(stream).then(
        (parsed) => {
          // The envelope says where it went; the headers are what the recipient sees.
          const to = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
          deliver({
            to,
            from: parsed.from?.text ?? "",
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
            messageId: parsed.messageId ?? "",
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const listening = (server.server.address() as AddressInfo).port;

  return {
    url: `smtp://127.0.0.1:${listening}`,
    received,
    behave(next) {
      behaviour = next;
    },
    get attemptsNotDelivered() {
      return notDelivered;
    },
    stalled: () => new Promise<void>((resolve) => (onStall = resolve)),
    to: (address) => received.filter((email) => email.to.includes(address)),
    next(address, waitMs = DEFAULT_WAIT_MS) {
      const waitingEmail = received.find((email) => !taken.has(email) && email.to.includes(address));
      if (waitingEmail) {
        taken.add(waitingEmail);
        return Promise.resolve(waitingEmail);
      }
      return new Promise((resolve, reject) => {
        const waiter = {
          address,
          resolve: (email: ReceivedEmail) => {
            clearTimeout(timer);
            resolve(email);
          },
        };
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(waiter), 1);
          reject(new Error(`No email to ${address} arrived within ${waitMs} ms.`));
        }, waitMs);
        waiting.push(waiter);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in an email's text that goes to `path` (e.g. "/confirm-sign-up"), or null. */
export function linkIn(email: ReceivedEmail, path: string): URL | null {
  for (const match of email.text.matchAll(/https?:\/\/\S+/g)) {
    const url = new URL(match[0]);
    if (url.pathname === path) return url;
  }
  return null;
}
