// Invitations: admins invite staff by email with a role; the invited person accepts through the
// link (a new account, or the signed-in account with that address). Only the school's admins see
// invitations (policies/invitations.ts); the accept page reads one by its link's token alone.
import { z } from "zod";
import { acceptInvitation } from "../commands/acceptInvitation.ts";
import { invitationUrl } from "../commands/invitation-links.ts";
import { inviteStaff, type CreatedInvitation } from "../commands/inviteStaff.ts";
import { resendInvitation } from "../commands/resendInvitation.ts";
import { revokeInvitation } from "../commands/revokeInvitation.ts";
import { loadUserActor } from "../auth/load-actor.ts";
import { hashToken } from "../auth/secrets.ts";
import { ConflictError, ExpiredLinkError, RuleViolationError, ValidationError } from "../domain/errors.ts";
import { INVITATION_NO_LONGER_VALID, invitationStatus, looksLikeEmail, MAX_INVITES_PER_CALL, roleWithArticle } from "../domain/invitations.ts";
import type { SchoolRole } from "../generated/prisma/enums.ts";
import { canReadInvitations, readableInvitationsWhere } from "../policies/invitations.ts";
import { builder } from "./builder.ts";
import { COMMON_ERRORS } from "./error-types.ts";
import { SchoolRoleEnum } from "./enums.ts";
import { SchoolRef } from "./schools.ts";

export const InvitationStatusEnum = builder.enumType("InvitationStatus", {
  values: {
    PENDING: { description: "Sent, and its link still works." },
    EXPIRED: { description: "Its link expired before anyone accepted it; resending makes a new one." },
    ACCEPTED: { description: "The person joined the school." },
    REVOKED: { description: "An admin took it back (or a newer invitation replaced an expired one)." },
  },
});

export const InvitationRef = builder.prismaNode("Invitation", {
  id: { field: "id" },
  nullable: true,
  description: "An invitation to join a school. Only the school's admins see it.",
  authScopes: (invitation, ctx) => canReadInvitations(ctx.actor, invitation.schoolId),
  fields: (t) => ({
    email: t.exposeString("email"),
    role: t.expose("role", { type: SchoolRoleEnum }),
    name: t.exposeString("name", { nullable: true, description: "The name a roster import gave; the person chooses their own when accepting." }),
    grades: t.exposeStringList("grades"),
    subjects: t.exposeStringList("subjects"),
    status: t.field({ type: InvitationStatusEnum, resolve: (invitation) => invitationStatus(invitation) }),
    sentAt: t.expose("sentAt", { type: "DateTime", description: "When the current link was made: the first sending, or the last resend." }),
    expiresAt: t.expose("expiresAt", { type: "DateTime" }),
    acceptedAt: t.expose("acceptedAt", { type: "DateTime", nullable: true }),
    revokedAt: t.expose("revokedAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    invitedBy: t.relation("invitedBy", { nullable: true }),
    school: t.relation("school"),
  }),
});

builder.prismaObjectFields("School", (t) => ({
  invitations: t.relatedConnection("invitations", {
    cursor: "id",
    totalCount: true,
    description: "The school's invitations, most recently sent first: for its admins only (empty for everyone else).",
    args: {
      open: t.arg.boolean({ defaultValue: true, description: "Only invitations still open (waiting or expired); false adds accepted and revoked ones." }),
    },
    query: (args, ctx) => ({
      where: { ...readableInvitationsWhere(ctx.actor), ...(args.open ? { acceptedAt: null, revokedAt: null } : {}) },
      orderBy: [{ sentAt: "desc" }, { id: "desc" }],
    }),
  }),
}));

/** An invitation with its link: the link's secret exists only in this answer (Staffroom keeps its hash). */
const SentInvitationRef = builder.objectRef<CreatedInvitation>("SentInvitation").implement({
  fields: (t) => ({
    link: t.string({
      description: "The link to accept the invitation, as emailed. Shown once: Staffroom keeps only its hash, so a lost link is replaced by resending.",
      resolve: (sent, _a, ctx) => invitationUrl(ctx.services.publicUrl(), sent.token),
    }),
    invitation: t.prismaField({
      type: "Invitation",
      resolve: (query, sent, _a, ctx) => ctx.prisma.invitation.findUniqueOrThrow({ ...query, where: { id: sent.invitationId } }),
    }),
  }),
});

const InviteStaffResultRef = builder.objectRef<{ invitations: CreatedInvitation[] }>("InviteStaffResult").implement({
  fields: (t) => ({ invitations: t.field({ type: [SentInvitationRef], resolve: (result) => result.invitations }) }),
});

type Preview = { valid: boolean; message: string; schoolName: string | null; role: SchoolRole | null; email: string | null; name: string | null };

const InvitationPreviewRef = builder.objectRef<Preview>("InvitationPreview").implement({
  description:
    "What the accept page shows for a link: the school, the role and the invited address, and nothing else. " +
    "An unknown, expired, revoked or used link gets the same answer (valid: false, with a sentence).",
  fields: (t) => ({
    valid: t.exposeBoolean("valid"),
    message: t.exposeString("message"),
    schoolName: t.exposeString("schoolName", { nullable: true }),
    role: t.expose("role", { type: SchoolRoleEnum, nullable: true }),
    email: t.exposeString("email", { nullable: true, description: "The invited address: the account that accepts has this email." }),
    name: t.exposeString("name", { nullable: true, description: "The name from a roster import, to start the sign-up form with." }),
  }),
});

const AcceptedInvitationRef = builder.objectRef<{ userId: string; schoolId: string; token: string | null }>("AcceptedInvitation").implement({
  fields: (t) => ({
    token: t.exposeString("token", {
      nullable: true,
      description: "A new account's first session (send it as `Authorization: Bearer <token>`); null when a signed-in account joined.",
    }),
    viewer: t.prismaField({
      type: "User",
      skipTypeScopes: true, // the person who just joined: the payload is theirs
      resolve: (query, accepted, _a, ctx) => ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: accepted.userId } }),
    }),
    school: t.prismaField({
      type: "School",
      resolve: (query, accepted, _a, ctx) => ctx.prisma.school.findUniqueOrThrow({ ...query, where: { id: accepted.schoolId } }),
    }),
  }),
});

const token = z.string().min(1, "The link is incomplete.").max(200, "That is not an invitation link.");

builder.queryFields((t) => ({
  invitationByToken: t.field({
    type: InvitationPreviewRef,
    description: "Public: what an invitation link is for, to show before accepting it.",
    args: { token: t.arg.string({ required: true, validate: token }) },
    resolve: async (_root, args, ctx) => {
      const invitation = await ctx.prisma.invitation.findUnique({
        where: { tokenHash: hashToken(args.token) },
        include: { school: { select: { name: true } } },
      });
      if (!invitation || invitationStatus(invitation) !== "PENDING") {
        return { valid: false, message: INVITATION_NO_LONGER_VALID, schoolName: null, role: null, email: null, name: null };
      }
      return {
        valid: true,
        message: `You are invited to join ${invitation.school.name} on Staffroom as ${roleWithArticle(invitation.role)}.`,
        schoolName: invitation.school.name,
        role: invitation.role,
        email: invitation.email,
        name: invitation.name,
      };
    },
  }),
}));

builder.mutationFields((t) => ({
  inviteStaff: t.field({
    type: InviteStaffResultRef,
    description:
      `Invite people to the school by email address (1 to ${MAX_INVITES_PER_CALL}), with a role. Admins only. Each gets an email with a link that works for 14 days. ` +
      "All or nothing: an address that already belongs to the school or already has an invitation waiting refuses the call (ConflictError, naming it).",
    errors: { types: COMMON_ERRORS },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("InviteStaffInput", {
          fields: (f) => ({
            schoolId: f.globalID({ required: true, for: SchoolRef }),
            emails: f.stringList({ required: true }),
            role: f.field({ type: SchoolRoleEnum, required: true }),
          }),
        }),
      }),
    },
    resolve: async (_root, { input }, ctx) => ({
      invitations: await inviteStaff(ctx, { schoolId: input.schoolId.id, emails: checkedEmails(input.emails), role: input.role }),
    }),
  }),
  resendInvitation: t.field({
    type: SentInvitationRef,
    description: "A new link for an open invitation, emailed again; the old link stops working at once. Admins only.",
    errors: { types: COMMON_ERRORS },
    args: { id: t.arg.globalID({ required: true, for: InvitationRef }) },
    resolve: (_root, { id }, ctx) => resendInvitation(ctx, id.id),
  }),
  revokeInvitation: t.prismaField({
    type: "Invitation",
    description: "Take an invitation back: its link stops working at once. Admins only.",
    errors: { types: COMMON_ERRORS },
    args: { id: t.arg.globalID({ required: true, for: InvitationRef }) },
    resolve: (query, _root, { id }, ctx) => revokeInvitation(ctx, id.id, query),
  }),
  acceptInvitation: t.field({
    type: AcceptedInvitationRef,
    description:
      "Accept an invitation with its link's token. Signed out: `name` and `password` create the account for the invited address, signed in (`token`). " +
      "Signed in: the account joins when its email is the invited address.",
    errors: { types: [ValidationError, ExpiredLinkError, ConflictError, RuleViolationError] },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("AcceptInvitationInput", {
          fields: (f) => ({
            token: f.string({ required: true, validate: token }),
            name: f.string({ required: false, validate: z.string().trim().max(120, "Use at most 120 characters.") }),
            password: f.string({
              required: false,
              validate: z.string().min(10, "Choose a password of at least 10 characters.").max(200, "Use at most 200 characters."),
            }),
          }),
        }),
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      const accepted = await acceptInvitation(ctx, input);
      // The rest of the payload is read as the person who just joined, with their new school.
      const authSessionId = accepted.session?.sessionId ?? (ctx.actor.kind === "user" ? ctx.actor.authSessionId : null);
      ctx.actor = await loadUserActor(ctx.prisma, accepted.userId, { authSessionId, apiToken: null });
      return { userId: accepted.userId, schoolId: accepted.schoolId, token: accepted.session?.token ?? null };
    },
  }),
}));

/** The addresses to invite, each one a real-looking address; the problems as one sentence on `emails`. */
function checkedEmails(emails: readonly string[]): string[] {
  const trimmed = emails.map((email) => email.trim()).filter(Boolean);
  if (trimmed.length === 0) throw ValidationError.field("input.emails", "Enter at least one email address.");
  if (trimmed.length > MAX_INVITES_PER_CALL) {
    throw ValidationError.field("input.emails", `Invite at most ${MAX_INVITES_PER_CALL} people at once; to bring in a whole staff, import a roster.`);
  }
  const bad = trimmed.filter((email) => !looksLikeEmail(email));
  if (bad.length > 0) {
    const shown = bad.slice(0, 3).map((email) => `“${email.length > 60 ? `${email.slice(0, 57)}…` : email}”`);
    throw ValidationError.field(
      "input.emails",
      `${shown.join(", ")}${bad.length > 3 ? ` and ${bad.length - 3} more` : ""} ${bad.length === 1 ? "is not an email address" : "are not email addresses"}.`,
    );
  }
  return trimmed;
}
