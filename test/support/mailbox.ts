// A real SMTP server in the test process (smtp-server, the protocol peer nodemailer's authors
// maintain): the app sends its email here over SMTP as it would to any relay, and tests read what
// arrived (parsed by mailparser) to follow the links in it.
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type ReceivedEmail = { to: string[]; from: string; subject: string; text: string };

export type Mailbox = {
  /** The SMTP URL to give the app (`mail.smtpUrl`). */
  url: string;
  /** Every email received so far, oldest first. */
  received: ReceivedEmail[];
  /** The emails received so far for one address. */
  to(address: string): ReceivedEmail[];
  /** The next email for `address` that no earlier call returned: one already here, or the next to arrive (within `waitMs`). */
  next(address: string, waitMs?: number): Promise<ReceivedEmail>;
  close(): Promise<void>;
};

export async function startMailbox(): Promise<Mailbox> {
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
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          // The envelope says where it went; the headers are what the recipient sees.
          const to = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
          deliver({ to, from: parsed.from?.text ?? "", subject: parsed.subject ?? "", text: parsed.text ?? "" });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
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
