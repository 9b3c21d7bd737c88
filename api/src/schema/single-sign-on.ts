// A school's single sign-on (OpenID Connect with Google Workspace, Microsoft 365, …): its admins
// configure it here; staff sign in through /auth/oidc/start and /auth/oidc/callback (the HTTP
// side, single-sign-on-http.ts), and the web app turns the one-time code it is handed into a
// session with completeSchoolSignIn.
//
// The client secret is write-only: no field returns it, only a hint (its last four characters).
import { z } from "zod";
import { configureSingleSignOn } from "../commands/configureSingleSignOn.ts";
import { disableSingleSignOn } from "../commands/disableSingleSignOn.ts";
import { completeSchoolSignIn } from "../commands/school-sign-on.ts";
import { testSingleSignOnConnection } from "../commands/testSingleSignOnConnection.ts";
import { ExpiredLinkError, ValidationError } from "../domain/errors.ts";
import { secretHint, SIGN_ON_CALLBACK_PATH } from "../domain/single-sign-on.ts";
import { canManageSingleSignOn } from "../policies/single-sign-on.ts";
import { AuthPayload, actAs } from "./auth.ts";
import { builder } from "./builder.ts";
import { COMMON_ERRORS } from "./error-types.ts";
import { SchoolRef } from "./schools.ts";

export const SingleSignOnRef = builder.prismaObject("SchoolSignOnProvider", {
  name: "SingleSignOn",
  description: "A school's single sign-on: the OpenID Connect provider its staff sign in with. Admins only.",
  authScopes: (provider, ctx) => canManageSingleSignOn(ctx.actor, provider.schoolId),
  fields: (t) => ({
    issuer: t.exposeString("issuer"),
    clientId: t.exposeString("clientId"),
    clientSecretHint: t.string({
      description: "The stored client secret is never returned: this says it is set, with its last four characters.",
      resolve: (provider) => secretHint(provider.clientSecret),
    }),
    allowedDomains: t.exposeStringList("allowedDomains"),
    enabled: t.exposeBoolean("enabled"),
    redirectUri: t.string({
      description: "The redirect URI to register with the provider.",
      resolve: (_provider, _a, ctx) => signOnRedirectUri(ctx.services.publicUrl()),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

const ProviderCheck = builder.objectRef<{ issuer: string; authorizationEndpoint: string }>("SingleSignOnProviderCheck").implement({
  description: "The provider answered discovery for this issuer.",
  fields: (t) => ({
    issuer: t.exposeString("issuer"),
    authorizationEndpoint: t.exposeString("authorizationEndpoint"),
  }),
});

builder.prismaObjectField("School", "singleSignOn", (t) =>
  t.prismaField({
    type: "SchoolSignOnProvider",
    nullable: true,
    description: "The school's single sign-on settings: null when none are configured, and for anyone but the school's admins.",
    resolve: (query, school, _a, ctx) =>
      canManageSingleSignOn(ctx.actor, school.id) ? ctx.prisma.schoolSignOnProvider.findUnique({ ...query, where: { schoolId: school.id } }) : null,
  }),
);

builder.queryField("singleSignOnRedirectUri", (t) =>
  t.string({
    description: "Where providers send people back after signing in: register it with the provider (PUBLIC_URL + /auth/oidc/callback).",
    resolve: (_root, _a, ctx) => signOnRedirectUri(ctx.services.publicUrl()),
  }),
);

const issuer = z.string().trim().min(1, "is required").max(500);

builder.mutationFields((t) => ({
  configureSingleSignOn: t.prismaField({
    type: "SchoolSignOnProvider",
    description:
      "Set up or change the school's single sign-on. Checks the provider by discovery before saving. " +
      "Leave clientSecret out to keep the stored one. Admins only, signed in (not with an API token).",
    errors: { types: COMMON_ERRORS },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("ConfigureSingleSignOnInput", {
          fields: (f) => ({
            schoolId: f.globalID({ required: true, for: SchoolRef }),
            issuer: f.string({ required: true, validate: issuer }),
            clientId: f.string({ required: true, validate: z.string().trim().min(1, "is required").max(300) }),
            clientSecret: f.string({ required: false, description: "Write-only.", validate: z.string().trim().max(500) }),
            allowedDomains: f.stringList({
              required: true,
              validate: z.array(z.string().max(253)).min(1, "list at least one email domain, like school.org").max(20, "at most 20 domains"),
            }),
            enabled: f.boolean({ required: false, defaultValue: true }),
          }),
        }),
      }),
    },
    resolve: (query, _root, { input }, ctx) =>
      configureSingleSignOn(
        ctx,
        {
          schoolId: input.schoolId.id,
          issuer: input.issuer.trim(),
          clientId: input.clientId.trim(),
          clientSecret: input.clientSecret?.trim() || null,
          allowedDomains: input.allowedDomains,
          enabled: input.enabled ?? true,
        },
        query,
      ),
  }),
  disableSingleSignOn: t.prismaField({
    type: "SchoolSignOnProvider",
    description: "Turn the school's single sign-on off (its settings stay). Admins only, signed in.",
    errors: { types: COMMON_ERRORS },
    args: { schoolId: t.arg.globalID({ required: true, for: SchoolRef }) },
    resolve: (query, _root, { schoolId }, ctx) => disableSingleSignOn(ctx, { schoolId: schoolId.id }, query),
  }),
  testSingleSignOnConnection: t.field({
    type: ProviderCheck,
    description: "Checks that an issuer URL answers OpenID Connect discovery, without saving anything. Admins only, signed in.",
    errors: { types: [ValidationError] },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("TestSingleSignOnConnectionInput", {
          fields: (f) => ({
            schoolId: f.globalID({ required: true, for: SchoolRef }),
            issuer: f.string({ required: true, validate: issuer }),
          }),
        }),
      }),
    },
    resolve: (_root, { input }, ctx) => testSingleSignOnConnection(ctx, { schoolId: input.schoolId.id, issuer: input.issuer.trim() }),
  }),
  completeSchoolSignIn: t.field({
    type: AuthPayload,
    description:
      "Finishes signing in with the school's account: the one-time code the sign-in page was handed (in its URL's fragment) " +
      "after the school's provider vouched for the person. Returns a session. Each code works once, within a minute.",
    errors: { types: [ValidationError, ExpiredLinkError] },
    args: { code: t.arg.string({ required: true, validate: z.string().min(1, "is required").max(200) }) },
    resolve: async (_root, { code }, ctx) => {
      const { userId, token, sessionId } = await completeSchoolSignIn({ prisma: ctx.prisma, sessionTtlMs: ctx.services.config.sessionTtlMs }, { code });
      await actAs(ctx, userId, sessionId);
      return { userId, token };
    },
  }),
}));

export function signOnRedirectUri(publicUrl: string): string {
  return `${publicUrl}${SIGN_ON_CALLBACK_PATH}`;
}
