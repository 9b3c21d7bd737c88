// Trust rows for a school's settings and for the password-reset links admins make, for every
// actor of the table: who reads the settings, who changes them, who may make a link (an admin
// with a real sign-in: never an integrator's token, whatever its scopes); refused writes change
// nothing; a stranger's answer for a real school or member is the answer for a made-up one.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiScope } from "@staffroom/api/testing";
import { startTestApp, type TestApp } from "../support/app.ts";
import { graphql } from "../support/graphql.ts";
import { asNode } from "../support/operations.ts";
import { buildSchoolFixture, gid, type ActorKey, type SchoolFixture } from "../support/school-fixture.ts";
import { asActor, doneBy, readOutcome, shownTo, TRUST_ACTORS, writeOutcome, type TrustActor } from "../support/trust.ts";

let app: TestApp;
let fx: SchoolFixture;
let memberGid: string;
beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma);
  await app.db.prisma.school.update({ where: { id: fx.schoolId }, data: { timeZone: "America/Chicago", gradeLevels: ["K", "1"], subjects: ["Math"] } });
  const member = await app.db.prisma.schoolMember.findFirstOrThrow({ where: { userId: fx.people.otherTeacher.id } });
  memberGid = gid("SchoolMember", member.id);
});
afterAll(() => app?.close());

const as = (actor: TrustActor, owner: ActorKey, scope: ApiScope) => asActor(app, fx, actor, owner, scope);

const UPDATE = graphql(`
  mutation TrustUpdateSchool($input: UpdateSchoolInput!) {
    updateSchool(input: $input) {
      __typename
      ... on BaseError {
        code
        message
      }
    }
  }
`);
const MAKE_LINK = graphql(`
  mutation TrustCreatePasswordResetLink($id: ID!) {
    createPasswordResetLink(memberId: $id) {
      __typename
      ... on BaseError {
        code
        message
      }
    }
  }
`);

const snapshot = async () => ({
  schools: await app.db.prisma.school.findMany({ orderBy: { id: "asc" } }),
  resets: await app.db.prisma.passwordReset.findMany({ orderBy: { id: "asc" } }),
});

describe("a school's settings", () => {
  // Like its name, a school's settings are read by its staff and by any token of the school,
  // whatever its scopes: they describe the school, not anyone in it (README, API tokens).
  const staffAndScopedTokens = shownTo(
    "peerMember",
    "peerMember2",
    "peerMember3",
    "plcFacilitator",
    "plcMember",
    "otherTeacher",
    "coach",
    "admin",
    "tokenWithScope",
    "tokenWithoutScope",
  );
  it.each(TRUST_ACTORS)("time zone, grade levels and subjects are read by the school's staff and its tokens only, for %s", async (actor) => {
    const q = await as(actor, "otherTeacher", "SCHOOL_READ");
    const res = await q(
      graphql(`
        query TrustSchoolSettings($id: ID!) {
          node(id: $id) {
            ... on School {
              timeZone
              gradeLevels
              subjects
            }
          }
        }
      `),
      { id: fx.schoolGid },
    );
    expect(readOutcome(res, (d) => asNode(d.node, "School")?.timeZone)).toBe(staffAndScopedTokens[actor]);
    expect(readOutcome(res, (d) => asNode(d.node, "School")?.subjects)).toBe(staffAndScopedTokens[actor]);
    if (staffAndScopedTokens[actor] === "shown") expect(res.data?.node).toEqual({ timeZone: "America/Chicago", gradeLevels: ["K", "1"], subjects: ["Math"] });
  });

  const admins = doneBy("admin", "tokenWithScope");
  it.each(TRUST_ACTORS)("are changed by its admins only (a token needs SCHOOL_WRITE), for %s", async (actor) => {
    const q = await as(actor, "admin", "SCHOOL_WRITE");
    const before = await snapshot();
    const res = await q(UPDATE, { input: { schoolId: fx.schoolGid, name: `Renamed by ${actor}`, subjects: ["Art"] } });
    const outcome = writeOutcome(res, "updateSchool");
    expect(outcome).toBe(admins[actor]);
    if (outcome === "refused") expect(await snapshot()).toEqual(before);
    else
      await app.db.prisma.school.update({
        where: { id: fx.schoolId },
        data: { name: before.schools.find((s) => s.id === fx.schoolId)!.name, subjects: ["Math"] },
      });
  });

  it("a stranger gets the same answer for a real school as for one that does not exist", async () => {
    const real = await app.gql(UPDATE, { input: { schoolId: fx.schoolGid, name: "Taken over" } }, fx.people.otherSchoolAdmin.token);
    const made = await app.gql(UPDATE, { input: { schoolId: gid("School", randomUUID()), name: "Taken over" } }, fx.people.otherSchoolAdmin.token);
    expect(real.data?.updateSchool).toEqual({ __typename: "NotFoundError", code: "NOT_FOUND", message: "That school was not found." });
    expect(made).toEqual(real);
  });
});

describe("password-reset links made by an admin", () => {
  // Only an admin's own sign-in: an API token is refused even with every scope (a leaked
  // integrator token must not be a way into every account of the school).
  const adminSession = doneBy("admin");
  it.each(TRUST_ACTORS)("are made for a member by the school's admin only, for %s", async (actor) => {
    const q = await as(actor, "admin", "SCHOOL_WRITE");
    const before = await snapshot();
    const res = await q(MAKE_LINK, { id: memberGid });
    const outcome = writeOutcome(res, "createPasswordResetLink");
    expect(outcome).toBe(adminSession[actor]);
    if (outcome === "refused") expect(await snapshot()).toEqual(before);
    else await app.db.prisma.passwordReset.deleteMany({});
  });

  it("a stranger gets the same answer for a real member as for one that does not exist", async () => {
    const real = await app.gql(MAKE_LINK, { id: memberGid }, fx.people.otherSchoolAdmin.token);
    const made = await app.gql(MAKE_LINK, { id: gid("SchoolMember", randomUUID()) }, fx.people.otherSchoolAdmin.token);
    expect(real.data?.createPasswordResetLink).toEqual({ __typename: "NotFoundError", code: "NOT_FOUND", message: "That school member was not found." });
    expect(made).toEqual(real);
    expect(await app.db.prisma.passwordReset.count()).toBe(0);
  });
});
