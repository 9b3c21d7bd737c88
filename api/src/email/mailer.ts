// Outgoing email. With SMTP_URL, through that relay (nodemailer); without it, each email is
// written to the server log instead, so `npm start` on a laptop works with no mail server (the
// sign-up link is right there in the terminal).
//
// send() returns at once and the email goes out in the background. Callers must not wait on,
// or answer differently because of, the relay: sign-up answers the same whether it sent a
// confirmation link or an "already registered" note, and a slow or failing relay would
// otherwise show in its response time or as an error. Failures are logged.
import nodemailer from "nodemailer";
import type { Config } from "../config.ts";

export type Email = { to: string; subject: string; text: string };

export type Mailer = {
  send(email: Email): void;
  /** Resolves once every email handed to send() so far has reached the relay or failed. */
  settled(): Promise<void>;
  /** Waits (a few seconds at most) for emails still going out, then closes the relay connection. */
  close(): Promise<void>;
};

/** How long stopping the app waits for emails still being handed to the relay. */
const CLOSE_GRACE_MS = 5_000;

export function createMailer(config: Config["mail"], log: Pick<Console, "log" | "warn"> = console): Mailer {
  const transport = config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : null;
  const inFlight = new Set<Promise<unknown>>();

  return {
    send(email) {
      if (!transport) {
        log.log(`[mail] SMTP_URL is not set, so this email was written here instead of sent:\nTo: ${email.to}\nSubject: ${email.subject}\n\n${email.text}\n`);
        return;
      }
      const sending = transport
        // The address as an object, so nodemailer never parses it as a list ("a@x, b@y") or a name.
        .sendMail({ from: config.from, to: { name: "", address: email.to }, subject: email.subject, text: email.text })
        .catch((error: Error) => log.warn(`[mail] could not send "${email.subject}": ${error.message}`))
        .finally(() => inFlight.delete(sending));
      inFlight.add(sending);
    },
    async settled() {
      await Promise.allSettled([...inFlight]);
    },
    async close() {
      if (!transport) return;
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS)));
      await Promise.race([this.settled(), grace]);
      clearTimeout(timer);
      transport.close();
    },
  };
}
