// Trust table rows for deactivation (issue 11, item 5), for every actor: only the school's admins
// (and their token with SCHOOL_WRITE) deactivate or reactivate, and a refused attempt writes
// nothing; another school's admin is told "not found", as for a member that does not exist; only
// admins see deactivated people. And a deactivated member reads nothing of the school, through
// a session or an API token that was somehow left alive (the policies alone keep them out).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiScope } from "@staffroom/api/testing";
import { startTestApp, type TestApp } from "../support/app.ts";
import { graphql } from "../support/graphql.ts";
import { asNode } from "../support/operations.ts";
import { ACTOR_KEYS, ALL_SCOPES, buildSchoolFixture, gid, type ActorKey, type SchoolFixture } from "../support/school-fixture.ts";
import { asActor, doneBy, readOutcome, shownTo, TRUST_ACTORS, writeOutcome, type TrustActor } from "../support/trust.ts";

let app: TestApp;
let fx: SchoolFixture;
let documents: { peer: string; plc: string };
beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "trustpeople");
  const peer = await app.db.prisma.document.create({
    data: { groupId: fx.peerGroupId, creatorId: fx.people.peerMember.id, kind: "LESSON_PLAN", title: "Peer plan" },
  });
  const plc = await app.db.prisma.document.create({
    data: { groupId: fx.plcGroupId, creatorId: fx.people.plcFacilitator.id, kind: "LESSON_PLAN", title: "PLC plan" },
  });
  documents = { peer: gid("Document", peer.id), plc: gid("Document", plc.id) };
});
afterAll(() => app?.close());

const as = (actor: TrustActor, scope: ApiScope) => asActor(app, fx, actor, "admin", scope);

/** A teacher of the fixture school with a live session, made for one test. */
async function newTeacher(label: string) {
  const user = await app.db.prisma.user.create({
    data: {
      email: `${label}-${Math.random().toString(36).slice(2, 8)}@example.test`,
      name: label,
      passwordHash: "scrypt$unused",
      schoolMemberships: { create: { schoolId: fx.schoolId, role: "TEACHER" } },
      authSessions: { create: { tokenHash: `unused-${label}-${Math.random()}`, expiresAt: new Date(Date.now() + 3600_000) } },
    },
    include: { schoolMemberships: true },
  });
  return { userId: user.id, memberId: user.schoolMemberships[0]!.id, memberGid: gid("SchoolMember", user.schoolMemberships[0]!.id) };
}

const snapshot = async (userId: string) => ({
  member: await app.db.prisma.schoolMember.findFirst({ where: { userId } }),
  sessions: await app.db.prisma.authSession.findMany({ where: { userId }, orderBy: { id: "asc" } }),
});

const adminOnly = doneBy("admin", "tokenWithScope");

const DeactivateMember = graphql(`
  mutation TrustDeactivateSchoolMember($id: ID!) {
    deactivateSchoolMember(memberId: $id) {
      __typename
      ... on BaseError {
        code
      }
    }
  }
`);
const ReactivateMember = graphql(`
  mutation TrustReactivateSchoolMember($id: ID!) {
    reactivateSchoolMember(memberId: $id) {
      __typename
      ... on BaseError {
        code
      }
    }
  }
`);
const DeactivateMemberProbe = graphql(`
  mutation TrustDeactivateSchoolMemberProbe($id: ID!) {
    deactivateSchoolMember(memberId: $id) {
      __typename
      ... on BaseError {
        code
        message
      }
    }
  }
`);
const DeactivatedStaff = graphql(`
  query TrustDeactivatedStaff($school: ID!, $member: ID!) {
    school: node(id: $school) {
      ... on School {
        members(status: DEACTIVATED) {
          totalCount
          edges {
            node {
              id
            }
          }
        }
      }
    }
    member: node(id: $member) {
      ... on SchoolMember {
        status
      }
    }
  }
`);
const READ_ALL = graphql(`
  query TrustDeactivatedReadAll($school: ID!, $peer: ID!, $plc: ID!, $peerDoc: ID!, $plcDoc: ID!) {
    mySchools {
      edges {
        node {
          id
        }
      }
    }
    school: node(id: $school) {
      ... on School {
        name
        members {
          totalCount
        }
        groups {
          totalCount
        }
      }
    }
    peer: node(id: $peer) {
      ... on Group {
        name
      }
    }
    plc: node(id: $plc) {
      ... on Group {
        name
      }
    }
    peerDoc: node(id: $peerDoc) {
      ... on Document {
        title
      }
    }
    plcDoc: node(id: $plcDoc) {
      ... on Document {
        title
      }
    }
  }
`);
const CreateDocument = graphql(`
  mutation TrustDeactivatedCreateDocument($input: CreateDocumentInput!) {
    createDocument(input: $input) {
      __typename
      ... on BaseError {
        code
      }
    }
  }
`);

describe("deactivating and reactivating", () => {
  it.each(TRUST_ACTORS)("deactivating a teacher as %s", async (actor) => {
    const target = await newTeacher(`deactivate-${actor}`);
    const q = await as(actor, "SCHOOL_WRITE");
    const before = await snapshot(target.userId);
    const res = await q(DeactivateMember, { id: target.memberGid });
    const outcome = writeOutcome(res, "deactivateSchoolMember");
    expect(outcome).toBe(adminOnly[actor]);
    if (outcome === "refused") expect(await snapshot(target.userId)).toEqual(before);
    else expect((await snapshot(target.userId)).member?.deactivatedAt).not.toBeNull();
    // Another school's admin cannot tell this member exists: the answer for an unknown id.
    const payload = res.data?.deactivateSchoolMember;
    if (actor === "otherSchoolAdmin") expect(payload && "code" in payload ? payload.code : undefined).toBe("NOT_FOUND");
  });

  it.each(TRUST_ACTORS)("reactivating a teacher as %s", async (actor) => {
    const target = await newTeacher(`reactivate-${actor}`);
    await app.db.prisma.schoolMember.update({ where: { id: target.memberId }, data: { deactivatedAt: new Date() } });
    const q = await as(actor, "SCHOOL_WRITE");
    const before = await snapshot(target.userId);
    const res = await q(ReactivateMember, { id: target.memberGid });
    const outcome = writeOutcome(res, "reactivateSchoolMember");
    expect(outcome).toBe(adminOnly[actor]);
    if (outcome === "refused") expect(await snapshot(target.userId)).toEqual(before);
    else expect((await snapshot(target.userId)).member?.deactivatedAt).toBeNull();
    // A deactivated member is hidden from everyone but the admins: the same "not found" as a made-up id.
    // (Only the admin's token without SCHOOL_WRITE, which may read the list, learns it is forbidden.)
    if (outcome === "refused") {
      const payload = res.data?.reactivateSchoolMember;
      const code = (payload && "code" in payload ? payload.code : undefined) ?? res.errors?.[0]?.extensions?.code;
      expect(code).toBe(actor === "tokenWithoutScope" ? "FORBIDDEN" : "NOT_FOUND");
    }
  });

  it("answers a made-up member id and another school's member alike for that school's admin", async () => {
    const made_up = gid("SchoolMember", "00000000-0000-4000-8000-000000000000");
    const other = await app.db.prisma.schoolMember.findFirstOrThrow({ where: { userId: fx.people.otherTeacher.id } });
    const ask = (id: string) => app.gql(DeactivateMemberProbe, { id }, fx.people.otherSchoolAdmin.token);
    const [missing, foreign] = await Promise.all([ask(made_up), ask(gid("SchoolMember", other.id))]);
    expect(foreign.data).toEqual(missing.data);
  });
});

describe("the staff list's deactivated people", () => {
  const deactivatedShown = shownTo("admin", "tokenWithScope");
  it.each(TRUST_ACTORS)("status DEACTIVATED, its count and the member node for %s", async (actor) => {
    const target = await newTeacher(`listed-${actor}`);
    await app.db.prisma.schoolMember.update({ where: { id: target.memberId }, data: { deactivatedAt: new Date() } });
    const q = await as(actor, "SCHOOL_READ");
    const res = await q(DeactivatedStaff, { school: fx.schoolGid, member: target.memberGid });
    expect(readOutcome(res, (d) => asNode(d.school, "School")?.members.totalCount)).toBe(deactivatedShown[actor]);
    expect(readOutcome(res, (d) => asNode(d.school, "School")?.members.edges)).toBe(deactivatedShown[actor]);
    expect(readOutcome(res, (d) => asNode(d.member, "SchoolMember")?.status)).toBe(deactivatedShown[actor]);
  });
});

describe("a deactivated member reads nothing of the school", () => {
  const staff = ACTOR_KEYS.filter((key): key is Exclude<ActorKey, "otherSchoolAdmin"> => key !== "otherSchoolAdmin");

  it.each(staff)("%s, through their session and through an API token with every scope", async (key) => {
    const person = fx.people[key];
    const variables = { school: fx.schoolGid, peer: fx.peerGroupGid, plc: fx.plcGroupGid, peerDoc: documents.peer, plcDoc: documents.plc };
    const token = await fx.apiToken(key, ALL_SCOPES);
    // While active, they see their school (so "nothing" below is the deactivation's doing).
    const active = await app.gql(READ_ALL, variables, person.token);
    expect(readOutcome(active, (d) => asNode(d.school, "School")?.name)).toBe("shown");

    const member = await app.db.prisma.schoolMember.findFirstOrThrow({ where: { userId: person.id, schoolId: fx.schoolId } });
    // Deactivated in the database alone: the credentials stay live, so only the policies decide.
    await app.db.prisma.schoolMember.update({ where: { id: member.id }, data: { deactivatedAt: new Date() } });
    try {
      for (const credential of [person.token, token]) {
        const res = await app.gql(READ_ALL, variables, credential);
        expect(readOutcome(res, (d) => d.mySchools.edges)).toBe("hidden");
        for (const field of ["school", "peer", "plc", "peerDoc", "plcDoc"] as const) expect(readOutcome(res, (d) => d[field])).toBe("hidden");
      }
      const write = await app.gql(CreateDocument, { input: { groupId: fx.peerGroupGid, kind: "LESSON_PLAN", title: `By deactivated ${key}` } }, person.token);
      expect(writeOutcome(write, "createDocument")).toBe("refused");
      expect(await app.db.prisma.document.count({ where: { title: `By deactivated ${key}` } })).toBe(0);
    } finally {
      await app.db.prisma.schoolMember.update({ where: { id: member.id }, data: { deactivatedAt: null } });
    }
  });
});
