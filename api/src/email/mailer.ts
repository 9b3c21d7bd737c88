// Handing one email to the relay. With SMTP_URL, through that relay (nodemailer); without it, the
// email is written to the server's console instead, so `npm start` on a laptop works with no mail
// server (the sign-up link is right there in the terminal) — and it stays readable in the app's
// outbox. Only the `email.send` job (outbox-jobs.ts) calls this: commands queue emails in the
// outbox (outbox.ts) and never wait on, or answer differently because of, the relay.
import { createHash } from "node:crypto";
import nodemailer from "nodemailer";
import type { Config } from "../config.ts";

export type OutgoingEmail = { to: string; subject: string; text: string; html: string; messageId: string };

export type Mailer = {
  /** False without SMTP_URL: emails stay in the outbox (and the console). */
  readonly sends: boolean;
  /** Resolves once the relay accepted the message; rejects when it refused it or could not be reached. */
  deliver(email: OutgoingEmail): Promise<void>;
  /** Writes an email that is not sent to the console. */
  keep(email: OutgoingEmail): void;
  close(): void;
};

export function createMailer(config: Config["mail"], options: { expireSeconds: number; log(text: string): void }): Mailer {
  // Every wait ends well before the job's expiry: a send still hanging when pg-boss retries the
  // job elsewhere could otherwise complete too, and deliver the message twice.
  const timeoutMs = Math.max(1_000, Math.floor((options.expireSeconds * 1000) / 3));
  const transport = config.smtpUrl
    ? nodemailer.createTransport({ url: config.smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs })
    : null;
  return {
    sends: transport !== null,
    async deliver(email) {
      if (!transport) throw new Error("no SMTP_URL");
      await transport.sendMail({
        from: config.from,
        // The address as an object, so nodemailer never parses it as a list ("a@x, b@y") or a name.
        to: { name: "", address: email.to },
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: email.messageId,
      });
    },
    keep(email) {
      options.log(`[mail] SMTP_URL is not set, so this email was written here instead of sent:\nTo: ${email.to}\nSubject: ${email.subject}\n\n${email.text}\n`);
    },
    close() {
      transport?.close();
    },
  };
}

/**
 * The Message-ID of an outbox row: the same for every attempt, so a resend after a crash between
 * the relay's "accepted" and our "SENT" is the same message to the relay and the recipient's mail
 * client (which may show it once). A hash: the key itself may name ids.
 */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? "staffroom.invalid";
  return `<${createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 40)}@${domain}>`;
}
