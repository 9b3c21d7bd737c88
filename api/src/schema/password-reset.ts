// Setting a new password: "forgot password" (requestPasswordReset emails a link; resetPassword
// uses it), and the link an admin makes for a member who cannot sign in (createPasswordResetLink).
//
// requestPasswordReset answers the same whether or not the address has an account (as signUp
// does). A link is random, stored as its sha256, works once and for PASSWORD_RESET_LINK_TTL_MINUTES;
// using it revokes every session of the account (commands/resetPassword.ts).
import { encodeGlobalID } from "@pothos/plugin-relay";
import { z } from "zod";
import { createPasswordResetLink, type CreatedPasswordResetLink } from "../commands/createPasswordResetLink.ts";
import { requestPasswordReset } from "../commands/requestPasswordReset.ts";
import { resetPassword } from "../commands/resetPassword.ts";
import { ExpiredLinkError, NotFoundError, RateLimitedError, RuleViolationError, ValidationError } from "../domain/errors.ts";
import { email, newPassword } from "./auth.ts";
import { builder } from "./builder.ts";
import { SchoolMemberRef } from "./schools.ts";

const PasswordResetRequested = builder.objectRef<{ email: string }>("PasswordResetRequested").implement({
  description: "A request was received. The same answer whether or not the address has an account: the email to it says which.",
  fields: (t) => ({
    email: t.exposeString("email", { description: "The address the email goes to (trimmed, lower-cased)." }),
    message: t.string({ resolve: () => "If an account uses this address, an email with a link to set a new password is on its way." }),
  }),
});

const PasswordChanged = builder.objectRef<{ email: string }>("PasswordChanged").implement({
  description: "The password was changed and every session of the account was signed out. Sign in with the new password.",
  fields: (t) => ({
    email: t.exposeString("email", { description: "The account's address, to sign in with." }),
    message: t.string({ resolve: () => "Your password was changed. Sign in with your new password." }),
  }),
});

const PasswordResetLink = builder.objectRef<CreatedPasswordResetLink>("PasswordResetLink").implement({
  description: "A link that sets a new password for one person. Shown once: hand it to them; it works once, until expiresAt.",
  fields: (t) => ({
    id: t.id({ resolve: (link) => encodeGlobalID("PasswordResetLink", link.id) }),
    url: t.exposeString("url"),
    expiresAt: t.expose("expiresAt", { type: "DateTime" }),
    user: t.prismaField({
      type: "User",
      resolve: (query, link, _a, ctx) => ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: link.userId } }),
    }),
  }),
});

builder.mutationFields((t) => ({
  requestPasswordReset: t.field({
    type: PasswordResetRequested,
    description: "Forgot password: emails the address a link that sets a new password. Rate-limited per email and per address.",
    errors: { types: [ValidationError, RateLimitedError] },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("RequestPasswordResetInput", { validate: z.object({ email }), fields: (f) => ({ email: f.string({ required: true }) }) }),
      }),
    },
    resolve: (_root, { input }, ctx) =>
      requestPasswordReset(
        {
          prisma: ctx.prisma,
          limiter: ctx.services.passwordResetLimiter,
          outbox: ctx.services.outbox,
          publicUrl: ctx.services.publicUrl(),
          linkTtlMs: ctx.services.config.passwordReset.linkTtlMs,
        },
        { email: input.email, clientAddress: ctx.clientAddress },
      ),
  }),
  resetPassword: t.field({
    type: PasswordChanged,
    description: "Sets a new password with the token of a password-reset link. Each link works once; every session of the account ends.",
    errors: { types: [ValidationError, ExpiredLinkError] },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("ResetPasswordInput", {
          validate: z.object({ token: z.string().min(1, "is required").max(200, "is not a password-reset link"), password: newPassword }),
          fields: (f) => ({ token: f.string({ required: true }), password: f.string({ required: true }) }),
        }),
      }),
    },
    resolve: (_root, { input }, ctx) => resetPassword({ prisma: ctx.prisma, services: ctx.services }, input),
  }),
  createPasswordResetLink: t.field({
    type: PasswordResetLink,
    description:
      "An admin makes a password-reset link for a member of their school who cannot sign in, to hand to them. " +
      "Admins only, with a real sign-in (not an API token); refused for someone who also belongs to another school.",
    authScopes: { session: true },
    errors: { types: [NotFoundError, RuleViolationError] },
    args: { memberId: t.arg.globalID({ required: true, for: SchoolMemberRef }) },
    resolve: (_root, { memberId }, ctx) => createPasswordResetLink(ctx, memberId.id),
  }),
}));
