// Trust table rows for invitations and roster imports, for every actor: only the school's own
// admins (and their tokens with the scope) see invitations and invite, resend, revoke or import;
// everyone else sees an empty list and a null node, and their writes change nothing. A refusal for
// a real invitation or school reads exactly like one for an id that does not exist. Link tokens
// are stored only as hashes. The public preview shows nothing but what the invitee needs.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiScope } from "@staffroom/api/testing";
import { startTestApp, type TestApp } from "../support/app.ts";
import { IMPORT_ROSTER, INVITATION_PREVIEW, invite } from "../support/invitations.ts";
import { graphql } from "../support/graphql.ts";
import { asNode } from "../support/operations.ts";
import { buildSchoolFixture, gid, type ActorKey, type SchoolFixture } from "../support/school-fixture.ts";
import { asActor, doneBy, readOutcome, shownTo, TRUST_ACTORS, writeOutcome, type TrustActor } from "../support/trust.ts";

let app: TestApp;
let fx: SchoolFixture;
/** An invitation of the fixture school and one of the other school, made by their admins. */
let ours: { id: string; token: string };
let theirs: { id: string; token: string };
beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "trustinv");
  ours = (await invite(app, fx.people.admin.token, fx.schoolGid, ["ours@school.test"]))[0]!;
  theirs = (await invite(app, fx.people.otherSchoolAdmin.token, gid("School", fx.otherSchoolId), ["theirs@other.test"]))[0]!;
});
afterAll(() => app?.close());

const InvitationNode = graphql(`
  query TrustInvitationNode($id: ID!) {
    node(id: $id) {
      ... on Invitation {
        email
        status
      }
    }
  }
`);
const SchoolInvitations = graphql(`
  query TrustSchoolInvitations($id: ID!) {
    node(id: $id) {
      ... on School {
        invitations(open: false) {
          totalCount
          edges {
            node {
              email
            }
          }
        }
      }
    }
  }
`);
const SchoolOpenInvitations = graphql(`
  query TrustSchoolOpenInvitations($id: ID!) {
    node(id: $id) {
      ... on School {
        invitations {
          totalCount
          edges {
            node {
              email
            }
          }
        }
      }
    }
  }
`);
const NodeId = graphql(`
  query TrustNodeId($id: ID!) {
    node(id: $id) {
      id
    }
  }
`);
const InviteStaff = graphql(`
  mutation TrustInviteStaff($input: InviteStaffInput!) {
    inviteStaff(input: $input) {
      __typename
      ... on BaseError {
        code
      }
    }
  }
`);
const ResendInvitation = graphql(`
  mutation TrustResendInvitation($id: ID!) {
    resendInvitation(id: $id) {
      __typename
      ... on BaseError {
        code
      }
    }
  }
`);
const RevokeInvitation = graphql(`
  mutation TrustRevokeInvitation($id: ID!) {
    revokeInvitation(id: $id) {
      __typename
      ... on BaseError {
        code
      }
    }
  }
`);
const ResendInvitationProbe = graphql(`
  mutation TrustResendInvitationProbe($id: ID!) {
    resendInvitation(id: $id) {
      __typename
      ... on BaseError {
        code
        message
      }
    }
  }
`);
const RevokeInvitationProbe = graphql(`
  mutation TrustRevokeInvitationProbe($id: ID!) {
    revokeInvitation(id: $id) {
      __typename
      ... on BaseError {
        code
        message
      }
    }
  }
`);
const InviteStaffProbe = graphql(`
  mutation TrustInviteStaffProbe($input: InviteStaffInput!) {
    inviteStaff(input: $input) {
      __typename
      ... on BaseError {
        code
        message
      }
    }
  }
`);
const InvitationPreviewAll = graphql(`
  query TrustInvitationPreview($token: String!) {
    invitationByToken(token: $token) {
      __typename
      valid
      message
      schoolName
      role
      email
      name
    }
  }
`);
const InvitationPreviewFields = graphql(`
  query TrustInvitationPreviewFields {
    __type(name: "InvitationPreview") {
      fields {
        name
        type {
          name
          kind
          ofType {
            name
          }
        }
      }
    }
  }
`);

const as = (actor: TrustActor, owner: ActorKey, scope: ApiScope) => asActor(app, fx, actor, owner, scope);
const adminsOnly = shownTo("admin", "tokenWithScope");
const MISSING_INVITATION = gid("Invitation", "00000000-0000-4000-8000-000000000000");
const MISSING_SCHOOL = gid("School", "00000000-0000-4000-8000-000000000000");

const snapshot = async () => ({
  invitations: await app.db.prisma.invitation.findMany({ orderBy: { id: "asc" } }),
  members: await app.db.prisma.schoolMember.findMany({ orderBy: { id: "asc" } }),
});

describe("reading invitations", () => {
  it.each(TRUST_ACTORS)("node(id) of an invitation for %s", async (actor) => {
    const q = await as(actor, "admin", "SCHOOL_READ");
    const res = await q(InvitationNode, { id: ours.id });
    expect(readOutcome(res, (d) => asNode(d.node, "Invitation")?.email)).toBe(adminsOnly[actor]);
  });

  it.each(TRUST_ACTORS)("School.invitations, its edges and its totalCount for %s", async (actor) => {
    const q = await as(actor, "admin", "SCHOOL_READ");
    const res = await q(SchoolInvitations, {
      id: fx.schoolGid,
    });
    expect(readOutcome(res, (d) => asNode(d.node, "School")?.invitations.totalCount)).toBe(adminsOnly[actor]);
    expect(readOutcome(res, (d) => asNode(d.node, "School")?.invitations.edges)).toBe(adminsOnly[actor]);
  });

  it("another school's admin sees neither our invitations nor, through their own school, anything but theirs", async () => {
    const q = await as("otherSchoolAdmin", "admin", "SCHOOL_READ");
    const ownList = await q(SchoolOpenInvitations, {
      id: gid("School", fx.otherSchoolId),
    });
    expect(asNode(ownList.data?.node, "School")?.invitations).toEqual({ totalCount: 1, edges: [{ node: { email: "theirs@other.test" } }] });
    const ourNode = await q(NodeId, { id: ours.id });
    const missingNode = await q(NodeId, { id: MISSING_INVITATION });
    expect(ourNode).toEqual(missingNode);
  });
});

describe("writing invitations", () => {
  const adminWrites = doneBy("admin", "tokenWithScope");

  it.each(TRUST_ACTORS)("inviting as %s", async (actor) => {
    const q = await as(actor, "admin", "SCHOOL_WRITE");
    const before = await snapshot();
    const res = await q(InviteStaff, {
      input: { schoolId: fx.schoolGid, emails: [`invited-by-${actor.toLowerCase()}@school.test`], role: "ADMIN" },
    });
    const outcome = writeOutcome(res, "inviteStaff");
    expect(outcome).toBe(adminWrites[actor]);
    if (outcome === "refused") expect(await snapshot()).toEqual(before);
  });

  it.each(TRUST_ACTORS)("resending as %s", async (actor) => {
    const q = await as(actor, "admin", "SCHOOL_WRITE");
    const before = await snapshot();
    const res = await q(ResendInvitation, { id: ours.id });
    const outcome = writeOutcome(res, "resendInvitation");
    expect(outcome).toBe(adminWrites[actor]);
    if (outcome === "refused") expect(await snapshot()).toEqual(before);
  });

  it.each(TRUST_ACTORS)("revoking as %s", async (actor) => {
    const [target] = await invite(app, fx.people.admin.token, fx.schoolGid, [`revoke-${actor.toLowerCase()}@school.test`]);
    const q = await as(actor, "admin", "SCHOOL_WRITE");
    const before = await snapshot();
    const res = await q(RevokeInvitation, { id: target!.id });
    const outcome = writeOutcome(res, "revokeInvitation");
    expect(outcome).toBe(adminWrites[actor]);
    if (outcome === "refused") expect(await snapshot()).toEqual(before);
  });

  it.each(TRUST_ACTORS)("importing a roster as %s", async (actor) => {
    const q = await as(actor, "admin", "SCHOOL_WRITE");
    const before = await snapshot();
    const res = await q(IMPORT_ROSTER, {
      input: { schoolId: fx.schoolGid, csv: `email,first name,last name,role\nimported-by-${actor.toLowerCase()}@school.test,Im,Ported,admin\n` },
    });
    const outcome = writeOutcome(res, "importRoster");
    expect(outcome).toBe(adminWrites[actor]);
    if (outcome === "refused") expect(await snapshot()).toEqual(before);
  });

  it("a refusal for another school's invitation or school reads exactly like one for an id that does not exist", async () => {
    const q = await as("admin", "admin", "SCHOOL_WRITE");
    const resend = await q(ResendInvitationProbe, { id: theirs.id });
    expect(resend.data?.resendInvitation).toMatchObject({ code: "NOT_FOUND" });
    expect(resend).toEqual(await q(ResendInvitationProbe, { id: MISSING_INVITATION }));
    const revoke = await q(RevokeInvitationProbe, { id: theirs.id });
    expect(revoke.data?.revokeInvitation).toMatchObject({ code: "NOT_FOUND" });
    expect(revoke).toEqual(await q(RevokeInvitationProbe, { id: MISSING_INVITATION }));
    const inviteTo = (schoolId: string) =>
      q(InviteStaffProbe, {
        input: { schoolId, emails: ["probe@school.test"], role: "TEACHER" },
      });
    const other = await inviteTo(gid("School", fx.otherSchoolId));
    expect(other.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(other).toEqual(await inviteTo(MISSING_SCHOOL));
    const importTo = (schoolId: string) => q(IMPORT_ROSTER, { input: { schoolId, csv: "email,first name,role\nprobe@school.test,P,teacher\n" } });
    expect(await importTo(gid("School", fx.otherSchoolId))).toEqual(await importTo(MISSING_SCHOOL));
    expect(await app.db.prisma.invitation.count({ where: { email: "probe@school.test" } })).toBe(0);
  });
});

describe("links", () => {
  it("are stored only as their sha256: no column of any invitation holds a token", async () => {
    const rows = await app.db.prisma.$queryRaw<Record<string, unknown>[]>`SELECT * FROM "Invitation"`;
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain("sri_");
    const row = rows.find((r) => r["email"] === "theirs@other.test")!;
    expect(row["tokenHash"]).toBe(createHash("sha256").update(theirs.token).digest("hex"));
  });

  it("the public preview shows only the school's name, the role, the invited address and the roster's name, to anyone with the link", async () => {
    const res = await app.gql(InvitationPreviewAll, {
      token: theirs.token,
    });
    expect(Object.keys(res.data?.invitationByToken ?? {}).sort()).toEqual(["__typename", "email", "message", "name", "role", "schoolName", "valid"]);
    expect(res.data?.invitationByToken).toMatchObject({ valid: true, email: "theirs@other.test", role: "TEACHER" });
    // The preview type has no way to the school, its people or the admin who invited.
    const fields = await app.gql(InvitationPreviewFields);
    // gql.tada leaves introspection fields untyped: the shape is the one this query selects.
    const previewType = fields.data?.__type as
      | { fields: { name: string; type: { name: string | null; ofType: { name: string | null } | null } }[] }
      | null
      | undefined;
    for (const field of previewType!.fields) expect(["String", "Boolean", "SchoolRole"]).toContain(field.type.name ?? field.type.ofType!.name);
    expect((await app.gql(INVITATION_PREVIEW, { token: "sri_guess" })).data?.invitationByToken.valid).toBe(false);
  });
});
