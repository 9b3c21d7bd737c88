// The email outbox in the app: a school's account emails for its admins (School.emailOutbox), and
// each person's own emails (myEmails). Whether an email went out (SMTP_URL) or stayed here, it is
// readable the same way; who may read which is policies/emails.ts.
import { EmailKind, EmailStatus } from "../generated/prisma/enums.ts";
import { canReadEmail, myEmailsWhere, schoolOutboxWhere } from "../policies/emails.ts";
import { builder } from "./builder.ts";

export const EmailKindEnum = builder.enumType(EmailKind, { name: "EmailKind" });
export const EmailStatusEnum = builder.enumType(EmailStatus, {
  name: "EmailStatus",
  description:
    "QUEUED: waiting to go out (or for a retry); SENT: the mail relay took it; KEPT_IN_OUTBOX: no SMTP_URL, kept here; FAILED: refused on every attempt.",
});

builder.prismaNode("EmailMessage", {
  id: { field: "id" },
  nullable: true,
  description: "An email Staffroom sent (or kept in its outbox). Its recipient reads it; a school's admins read the school's account emails.",
  authScopes: (email, ctx) => canReadEmail(ctx.actor, email),
  fields: (t) => ({
    to: t.exposeString("address", { description: "The recipient's address." }),
    kind: t.expose("kind", { type: EmailKindEnum }),
    subject: t.exposeString("subject"),
    text: t.exposeString("text", { description: "The plain-text body (the HTML part says the same)." }),
    status: t.expose("status", { type: EmailStatusEnum }),
    attempts: t.exposeInt("attempts", { description: "Times it was handed to the relay (or kept)." }),
    lastError: t.exposeString("lastError", { nullable: true, description: "The relay's answer to the last failed attempt." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    sentAt: t.expose("sentAt", { type: "DateTime", nullable: true }),
  }),
});

const NEWEST_FIRST = [{ createdAt: "desc" as const }, { id: "desc" as const }];

builder.prismaObjectFields("School", (t) => ({
  emailOutbox: t.prismaConnection({
    type: "EmailMessage",
    cursor: "id",
    description:
      "The school's account emails (invitations, password resets, account notices), newest first: for its admins only (empty for everyone else). " +
      "Notification and digest emails are never here: only their recipients read them.",
    args: { kind: t.arg({ type: EmailKindEnum, required: false }) },
    totalCount: (school, args, ctx) => ctx.prisma.emailMessage.count({ where: schoolOutboxWhere(ctx.actor, school.id, args.kind) }),
    resolve: (query, school, args, ctx) =>
      ctx.prisma.emailMessage.findMany({ ...query, where: schoolOutboxWhere(ctx.actor, school.id, args.kind), orderBy: NEWEST_FIRST }),
  }),
}));

builder.queryFields((t) => ({
  myEmails: t.prismaConnection({
    type: "EmailMessage",
    cursor: "id",
    description: "The emails Staffroom sent to the signed-in person (or kept in its outbox when no mail relay is set up), newest first.",
    authScopes: { signedIn: true },
    totalCount: (_root, _args, ctx) => ctx.prisma.emailMessage.count({ where: myEmailsWhere(ctx.actor) }),
    resolve: (query, _root, _args, ctx) => ctx.prisma.emailMessage.findMany({ ...query, where: myEmailsWhere(ctx.actor), orderBy: NEWEST_FIRST }),
  }),
}));
