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
import { requireActingUser } from "../policies/actor.ts";
import { builder } from "./builder.ts";
import { ApiScopeEnum } from "./enums.ts";
import { API_SCOPE_DESCRIPTIONS, API_SCOPES, type ApiScope } from "../policies/scopes.ts";
import { COMMON_ERRORS } from "./error-types.ts";
import { ConflictError, ExpiredLinkError, InvalidCredentialsError, RateLimitedError, RuleViolationError, ValidationError } from "../domain/errors.ts";
import { SchoolRef } from "./schools.ts";
import { UserRef } from "./users.ts";

export const email = z.string().trim().toLowerCase().email("must be an email address").max(254, "must be at most 254 characters");
/** A password someone chooses (sign-up, a new password): long enough to resist guessing. */
export const newPassword = z.string().min(10, "must be at least 10 characters").max(200, "must be at most 200 characters");

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

export const ApiTokenStatusEnum = builder.enumType("ApiTokenStatus", {
  values: {
    ACTIVE: { description: "It works." },
    EXPIRED: { description: "Its expiry has passed: requests with it get 401." },
    REVOKED: { description: "Revoked: requests with it get 401." },
  } as const,
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
    status: t.field({
      type: ApiTokenStatusEnum,
      description: "Whether the token works now, by the server's clock.",
      resolve: (token) => (token.revokedAt ? "REVOKED" : token.expiresAt && token.expiresAt <= new Date() ? "EXPIRED" : "ACTIVE"),
    }),
  }),
});

const ApiScopeInfoRef = builder.objectRef<ApiScope>("ApiScopeInfo").implement({
  description: "A scope an API token can be given, with what it grants, for forms that offer the choice.",
  fields: (t) => ({
    scope: t.field({ type: ApiScopeEnum, resolve: (scope) => scope }),
    description: t.string({ resolve: (scope) => API_SCOPE_DESCRIPTIONS[scope] }),
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
  apiScopes: t.field({
    type: [ApiScopeInfoRef],
    description: "Every scope an API token can be given, with what it grants (the same for everyone: it describes the API).",
    resolve: () => [...API_SCOPES],
  }),
  viewer: t.prismaField({
    type: "User",
    nullable: true,
    description: "The signed-in person, or null.",
    resolve: (query, _root, _args, ctx) => (ctx.actor.kind === "user" ? ctx.prisma.user.findUnique({ ...query, where: { id: ctx.actor.userId } }) : null),
  }),
  myApiTokens: t.prismaConnection({
    type: "ApiToken",
    cursor: "id",
    description:
      "Your own API tokens, newest first. Only yours, admins included: a token acts as its person, and what someone connects Staffroom to is theirs to tell.",
    authScopes: { session: true },
    args: {
      includeRevoked: t.arg.boolean({ defaultValue: false }),
      schoolId: t.arg.globalID({ required: false, for: SchoolRef, description: "Only your tokens for this school." }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.apiToken.findMany({
        ...query,
        where: {
          userId: requireActingUser(ctx.actor),
          ...(args.includeRevoked ? {} : { revokedAt: null }),
          ...(args.schoolId ? { schoolId: args.schoolId.id } : {}),
        },
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
          validate: z.object({ email, password: newPassword, name: z.string().trim().min(1, "is required").max(120, "must be at most 120 characters") }),
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
          outbox: ctx.services.outbox,
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
    description: "Email and password to a session. A person whose every school deactivated them is refused with a RuleViolationError saying so.",
    errors: { types: [ValidationError, InvalidCredentialsError, RateLimitedError, RuleViolationError] },
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
    description:
      "A token for an integration, for a school you are on the staff of: it acts as you, narrowed to that school and its scopes, and never does more than you could. Signed-in people only (not with another token).",
    authScopes: { session: true },
    errors: { types: COMMON_ERRORS },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("CreateApiTokenInput", {
          fields: (f) => ({
            schoolId: f.globalID({ required: true, for: SchoolRef }),
            name: f.string({ required: true, description: "What the token is for, so you recognise it in the list (e.g. the system it connects)." }),
            scopes: f.field({ type: [ApiScopeEnum], required: true }),
            expiresAt: f.field({ type: "DateTime", required: false, description: "When it stops working; leave it out for a token that never expires." }),
          }),
          // One schema for the whole input, so a form hears of every problem at once.
          validate: z.object({
            schoolId: z.unknown(),
            name: z.string().trim().min(1, "is required: say what the token is for").max(80, "must be at most 80 characters"),
            scopes: z.array(z.string()).min(1, "choose at least one scope"),
            expiresAt: z.unknown().optional(),
          }),
        }),
      }),
    },
    resolve: (_root, { input }, ctx) => createApiToken(ctx, { ...input, schoolId: input.schoolId.id }),
  }),
  revokeApiToken: t.prismaField({
    type: "ApiToken",
    description: "Revoke one of your tokens: it stops working at once, and its live connections close.",
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
