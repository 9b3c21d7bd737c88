// Accounts, sessions and integrators' API tokens.
//
// Sign-up confirms the email address before the account exists (commands/signUp.ts): signUp
// answers the same for a new address and a taken one, and confirmSignUp (the emailed link's
// token and the sign-up's password) creates the account and returns its first session.
//
// Session tokens are opaque random strings stored hashed (sha256) with an expiry: a request is
// one indexed lookup, and signing out or revoking takes effect on the very next request (and
// closes live connections), which signed self-contained tokens cannot do without a lookup anyway.
import { z } from "zod";
import { createApiToken } from "../commands/createApiToken.ts";
import { revokeApiToken } from "../commands/revokeApiToken.ts";
import { signOut } from "../commands/signOut.ts";
import { loadUserActor } from "../auth/load-actor.ts";
import type { Context } from "../context.ts";
import { signIn } from "../commands/signIn.ts";
import { confirmSignUp, startSignUp } from "../commands/signUp.ts";
import { builder } from "./builder.ts";
import { ApiScopeEnum } from "./enums.ts";
import { COMMON_ERRORS } from "./error-types.ts";
import { ConflictError, ExpiredLinkError, InvalidCredentialsError, RateLimitedError, ValidationError } from "../domain/errors.ts";
import { SchoolRef } from "./schools.ts";
import { UserRef } from "./users.ts";

const email = z.string().trim().toLowerCase().email("must be an email address").max(254);
const password = z.string().min(10, "must be at least 10 characters").max(200);

type AuthPayloadShape = { token: string; userId: string };

export const AuthPayload = builder.objectRef<AuthPayloadShape>("AuthPayload").implement({
  description: "A new session. Send the token as `Authorization: Bearer <token>`.",
  fields: (t) => ({
    token: t.exposeString("token"),
    viewer: t.prismaField({
      type: "User",
      // Signing up or in happens before the request has an actor; the payload's user is the caller.
      skipTypeScopes: true,
      resolve: (query, payload, _a, ctx) => ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: payload.userId } }),
    }),
  }),
});

export const ApiTokenRef = builder.prismaNode("ApiToken", {
  id: { field: "id" },
  nullable: true,
  authScopes: (token, ctx) => ctx.actor.kind === "user" && ctx.actor.userId === token.userId && ctx.actor.authSessionId !== null,
  fields: (t) => ({
    name: t.exposeString("name"),
    prefix: t.exposeString("prefix", { description: "The first characters of the secret, to tell tokens apart." }),
    scopes: t.field({ type: [ApiScopeEnum], resolve: (token) => token.scopes as never }),
    school: t.relation("school"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    expiresAt: t.expose("expiresAt", { type: "DateTime", nullable: true }),
    revokedAt: t.expose("revokedAt", { type: "DateTime", nullable: true }),
    lastUsedAt: t.expose("lastUsedAt", { type: "DateTime", nullable: true }),
  }),
});

const SignUpStarted = builder.objectRef<{ email: string }>("SignUpStarted").implement({
  description:
    "A sign-up was received. The same answer whether or not the address already has an account: an email to the address says which, " +
    "with a link that finishes signing up (confirmSignUp) when it is new.",
  fields: (t) => ({
    email: t.exposeString("email", { description: "The address the email goes to, as Staffroom stores it (trimmed, lower-cased)." }),
    message: t.string({ resolve: () => "Check your email for a link to finish signing up." }),
  }),
});

const CreatedApiToken = builder.objectRef<{ secret: string; tokenId: string }>("CreatedApiToken").implement({
  fields: (t) => ({
    secret: t.exposeString("secret", { description: "Shown once. Store it now: Staffroom keeps only its hash." }),
    apiToken: t.prismaField({
      type: "ApiToken",
      resolve: (query, created, _a, ctx) => ctx.prisma.apiToken.findUniqueOrThrow({ ...query, where: { id: created.tokenId } }),
    }),
  }),
});

builder.queryFields((t) => ({
  viewer: t.prismaField({
    type: "User",
    nullable: true,
    description: "The signed-in person, or null.",
    resolve: (query, _root, _args, ctx) => (ctx.actor.kind === "user" ? ctx.prisma.user.findUnique({ ...query, where: { id: ctx.actor.userId } }) : null),
  }),
  myApiTokens: t.prismaConnection({
    type: "ApiToken",
    cursor: "id",
    authScopes: { session: true },
    args: { includeRevoked: t.arg.boolean({ defaultValue: false }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.apiToken.findMany({
        ...query,
        where: { userId: ctx.actor.kind === "user" ? ctx.actor.userId : "", ...(args.includeRevoked ? {} : { revokedAt: null }) },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      }),
  }),
}));

builder.mutationFields((t) => ({
  signUp: t.field({
    type: SignUpStarted,
    description: "Starts a sign-up: emails the address a link that finishes it (confirmSignUp, with this password). Rate-limited per email and per address.",
    errors: { types: [ValidationError, RateLimitedError] },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("SignUpInput", {
          // One schema for the whole input, so every problem is reported at once.
          validate: z.object({ email, password, name: z.string().trim().min(1, "is required").max(120) }),
          fields: (f) => ({
            email: f.string({ required: true }),
            password: f.string({ required: true }),
            name: f.string({ required: true }),
          }),
        }),
      }),
    },
    resolve: (_root, { input }, ctx) =>
      startSignUp(
        {
          prisma: ctx.prisma,
          limiter: ctx.services.signUpLimiter,
          mailer: ctx.services.mailer,
          publicUrl: ctx.services.publicUrl(),
          linkTtlMs: ctx.services.config.signUp.linkTtlMs,
        },
        { email: input.email, password: input.password, name: input.name.trim(), clientAddress: ctx.clientAddress },
      ),
  }),
  confirmSignUp: t.field({
    type: AuthPayload,
    description:
      "Finishes a sign-up: the token from the emailed link and the password the sign-up was started with. " +
      "Creates the account and returns its first session. Each link works once.",
    errors: { types: [ValidationError, ExpiredLinkError, InvalidCredentialsError, RateLimitedError, ConflictError] },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("ConfirmSignUpInput", {
          fields: (f) => ({
            token: f.string({ required: true, validate: z.string().min(1, "is required").max(200) }),
            password: f.string({ required: true, validate: z.string().max(200) }),
          }),
        }),
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      const {
        user,
        token: sessionToken,
        sessionId,
      } = await confirmSignUp(
        { prisma: ctx.prisma, limiter: ctx.services.signInLimiter, sessionTtlMs: ctx.services.config.sessionTtlMs },
        { token: input.token, password: input.password, clientAddress: ctx.clientAddress },
      );
      await actAs(ctx, user.id, sessionId);
      return { userId: user.id, token: sessionToken };
    },
  }),
  signIn: t.field({
    type: AuthPayload,
    errors: { types: [ValidationError, InvalidCredentialsError, RateLimitedError] },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("SignInInput", {
          fields: (f) => ({
            email: f.string({ required: true, validate: z.string().max(254) }),
            password: f.string({ required: true, validate: z.string().max(200) }),
          }),
        }),
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      const { user, token, sessionId } = await signIn(
        { prisma: ctx.prisma, limiter: ctx.services.signInLimiter, sessionTtlMs: ctx.services.config.sessionTtlMs },
        { email: input.email, password: input.password, clientAddress: ctx.clientAddress },
      );
      await actAs(ctx, user.id, sessionId);
      return { userId: user.id, token };
    },
  }),
  signOut: t.boolean({
    description: "Ends the current session; its token stops working at once.",
    authScopes: { session: true },
    resolve: async (_root, _args, ctx) => {
      await signOut(ctx);
      return true;
    },
  }),
  createApiToken: t.field({
    type: CreatedApiToken,
    authScopes: { session: true },
    errors: { types: COMMON_ERRORS },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("CreateApiTokenInput", {
          fields: (f) => ({
            schoolId: f.globalID({ required: true, for: SchoolRef }),
            name: f.string({ required: true, validate: z.string().trim().min(1).max(80) }),
            scopes: f.field({ type: [ApiScopeEnum], required: true, validate: z.array(z.string()).min(1, "choose at least one scope") }),
            expiresAt: f.field({ type: "DateTime", required: false }),
          }),
        }),
      }),
    },
    resolve: (_root, { input }, ctx) => createApiToken(ctx, { ...input, schoolId: input.schoolId.id }),
  }),
  revokeApiToken: t.prismaField({
    type: "ApiToken",
    authScopes: { session: true },
    errors: { types: COMMON_ERRORS },
    args: { id: t.arg.globalID({ required: true, for: ApiTokenRef }) },
    resolve: (query, _root, { id }, ctx) => revokeApiToken(ctx, id.id, query),
  }),
}));

/** The rest of this request's payload is read as the person who just signed in. */
export async function actAs(ctx: Context, userId: string, authSessionId: string) {
  ctx.actor = await loadUserActor(ctx.prisma, userId, { authSessionId, apiToken: null });
}

void UserRef;
