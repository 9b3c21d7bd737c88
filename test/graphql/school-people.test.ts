// The school's people as its admins manage them (issue 11, item 5): the staff list with search,
// filters and pages; role changes and the last admin; deactivation (sessions and this school's
// API tokens revoked, authored content kept, no sign-in, not staff any more) and reactivation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@staffroom/api/testing";
import { startSession } from "@staffroom/api/testing";
import { startTestApp, type TestApp } from "../support/app.ts";
import { graphql, type VariablesOf } from "../support/graphql.ts";
import { asNode, failed, succeeded } from "../support/operations.ts";
import { buildSchoolFixture, gid, type SchoolFixture } from "../support/school-fixture.ts";

let app: TestApp;
let fx: SchoolFixture;
beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "people");
});
afterAll(() => app?.close());

const PASSWORD = "correct horse battery";

const MEMBERS = graphql(`
  query SchoolPeopleMembers($school: ID!, $first: Int, $after: String, $role: SchoolRole, $status: SchoolMemberStatus, $search: String) {
    node(id: $school) {
      ... on School {
        members(first: $first, after: $after, role: $role, status: $status, search: $search) {
          totalCount
          pageInfo { hasNextPage endCursor }
          edges { node { id role status deactivatedAt user { name email } } }
        }
      }
    }
  }
`);

type MemberRow = { id: string; role: string; status: string; deactivatedAt: string | null; user: { name: string; email: string | null } };

async function members(token: string, variables: Omit<VariablesOf<typeof MEMBERS>, "school"> = {}) {
  const res = await app.gql(MEMBERS, { school: fx.schoolGid, first: 50, ...variables }, token);
  expect(res.errors).toBeUndefined();
  const connection = asNode(res.data?.node, "School")!.members;
  return {
    total: connection.totalCount as number,
    rows: connection.edges.map((e) => e.node) as MemberRow[],
    pageInfo: connection.pageInfo,
  };
}

const names = (rows: MemberRow[]) => rows.map((r) => r.user.name);
const admin = () => fx.people.admin.token;

async function memberGid(userId: string, schoolId = fx.schoolId) {
  const row = await app.db.prisma.schoolMember.findUniqueOrThrow({ where: { schoolId_userId: { schoolId, userId } } });
  return gid("SchoolMember", row.id);
}

const DEACTIVATE = graphql(`
  mutation SchoolPeopleDeactivate($id: ID!) {
    deactivateSchoolMember(memberId: $id) {
      __typename
      ... on MutationDeactivateSchoolMemberSuccess {
        data { id status deactivatedAt }
      }
      ... on BaseError {
        code
        message
      }
    }
  }
`);
const REACTIVATE = graphql(`
  mutation SchoolPeopleReactivate($id: ID!) {
    reactivateSchoolMember(memberId: $id) {
      __typename
      ... on MutationReactivateSchoolMemberSuccess {
        data { id status deactivatedAt }
      }
      ... on BaseError {
        code
        message
      }
    }
  }
`);
const CHANGE_ROLE = graphql(`
  mutation SchoolPeopleChangeRole($id: ID!, $role: SchoolRole!) {
    changeSchoolMemberRole(memberId: $id, role: $role) {
      __typename
      ... on MutationChangeSchoolMemberRoleSuccess {
        data { id role }
      }
      ... on BaseError {
        code
        message
      }
    }
  }
`);
const SIGN_IN = graphql(`
  mutation SchoolPeopleSignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on MutationSignInSuccess {
        data { token }
      }
      ... on BaseError {
        code
        message
      }
    }
  }
`);
const NODE_ID = graphql(`
  query SchoolPeopleNodeId($id: ID!) {
    node(id: $id) {
      id
    }
  }
`);
const VIEWER_ID = graphql(`
  query SchoolPeopleViewerId {
    viewer {
      id
    }
  }
`);

/** A new teacher of the fixture school with a real password (to sign in) and a session. */
async function newTeacher(name: string, extraSchoolId?: string) {
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}-${Math.random().toString(36).slice(2, 7)}@example.test`;
  const user = await app.db.prisma.user.create({
    data: {
      email,
      name,
      passwordHash: await hashPassword(PASSWORD),
      schoolMemberships: {
        create: [{ schoolId: fx.schoolId, role: "TEACHER" }, ...(extraSchoolId ? [{ schoolId: extraSchoolId, role: "TEACHER" as const }] : [])],
      },
    },
  });
  const { token } = await startSession(app.db.prisma, user.id, 3600_000);
  return { ...user, gid: gid("User", user.id), token, memberGid: await memberGid(user.id) };
}

describe("the staff list", () => {
  let search: Awaited<ReturnType<typeof newTeacher>>[];
  beforeAll(async () => {
    search = [];
    for (const name of ["Zelda Quartz", "Zeno Quasar", "Zora Quill"]) search.push(await newTeacher(name));
  });

  it("pages through everyone in name order, with a total that matches", async () => {
    const all = await members(admin());
    expect(all.total).toBe(all.rows.length);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const { rows, pageInfo, total } = await members(admin(), { first: 3, after });
      expect(total).toBe(all.total);
      seen.push(...rows.map((r) => r.id));
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(seen).toEqual(all.rows.map((r) => r.id));
  });

  it("searches names case-insensitively, and email addresses for admins only", async () => {
    const byName = await members(admin(), { search: "  qUa " });
    expect(names(byName.rows)).toEqual(["Zelda Quartz", "Zeno Quasar"]);
    expect(byName.total).toBe(2);

    const emailPart = search[2]!.email.split("@")[0]!;
    expect(names((await members(admin(), { search: emailPart })).rows)).toEqual(["Zora Quill"]);
    // A teacher sees no email addresses, so their search must not match them either.
    const teacher = await members(fx.people.otherTeacher.token, { search: emailPart });
    expect(teacher).toMatchObject({ total: 0, rows: [] });
    expect(names((await members(fx.people.otherTeacher.token, { search: "quill" })).rows)).toEqual(["Zora Quill"]);
  });

  it("filters by role", async () => {
    const coaches = await members(admin(), { role: "COACH" });
    expect(coaches.rows.map((r) => r.role)).toEqual(["COACH"]);
    expect(names(coaches.rows)).toEqual([fx.people.coach.name]);
    const teachers = await members(admin(), { role: "TEACHER", search: "z" });
    expect(teachers.rows.every((r) => r.role === "TEACHER")).toBe(true);
  });

  it("refuses a search over 100 characters with a sentence", async () => {
    const res = await app.gql(MEMBERS, { school: fx.schoolGid, search: "x".repeat(101) }, admin());
    expect(res.errors?.[0]?.message).toMatch(/at most 100 characters/);
    expect(res.data?.node ?? null).toBeNull();
  });

  it("shows deactivated people to admins under status DEACTIVATED, and to nobody else", async () => {
    const gone = await newTeacher("Zack Quenched");
    expect((await app.gql(DEACTIVATE, { id: gone.memberGid }, admin())).data?.deactivateSchoolMember.__typename).toBe("MutationDeactivateSchoolMemberSuccess");

    expect(names((await members(admin(), { search: "quenched" })).rows)).toEqual([]);
    const deactivated = await members(admin(), { status: "DEACTIVATED" });
    expect(names(deactivated.rows)).toEqual(["Zack Quenched"]);
    expect(deactivated.rows[0]).toMatchObject({ status: "DEACTIVATED", deactivatedAt: expect.any(String) });

    for (const who of ["coach", "otherTeacher"] as const) {
      expect(await members(fx.people[who].token, { status: "DEACTIVATED" })).toMatchObject({ total: 0, rows: [] });
      const node = await app.gql(NODE_ID, { id: gone.memberGid }, fx.people[who].token);
      expect(node.data?.node).toBeNull();
    }
    const active = await members(fx.people.coach.token);
    expect(active.rows.every((r) => r.status === "ACTIVE")).toBe(true);
    expect(active.total).toBe((await members(admin())).total);
  });
});

describe("changing a role", () => {
  it("keeps the school's last active admin an admin, with a sentence", async () => {
    const self = await memberGid(fx.people.admin.id);
    const res = await app.gql(CHANGE_ROLE, { id: self, role: "TEACHER" }, admin());
    expect(res.data?.changeSchoolMemberRole).toEqual({
      __typename: "RuleViolationError",
      code: "RULE_VIOLATION",
      message: "A school needs at least one admin.",
    });
    expect((await app.db.prisma.schoolMember.findFirstOrThrow({ where: { userId: fx.people.admin.id } })).role).toBe("ADMIN");
  });

  it("does not count a deactivated admin as the other admin", async () => {
    const other = await newTeacher("Ada Deputy");
    expect(succeeded((await app.gql(CHANGE_ROLE, { id: other.memberGid, role: "ADMIN" }, admin())).data?.changeSchoolMemberRole).data.role).toBe("ADMIN");
    expect((await app.gql(DEACTIVATE, { id: other.memberGid }, admin())).data?.deactivateSchoolMember.__typename).toBe("MutationDeactivateSchoolMemberSuccess");
    const res = await app.gql(CHANGE_ROLE, { id: await memberGid(fx.people.admin.id), role: "COACH" }, admin());
    expect(failed(res.data?.changeSchoolMemberRole).code).toBe("RULE_VIOLATION");

    // Reactivated, they are an admin again, and then the first one may step down (and back up).
    expect(succeeded((await app.gql(REACTIVATE, { id: other.memberGid }, admin())).data?.reactivateSchoolMember).data.status).toBe("ACTIVE");
    const adminMember = await memberGid(fx.people.admin.id);
    const { token: deputy } = await startSession(app.db.prisma, other.id, 3600_000);
    expect(succeeded((await app.gql(CHANGE_ROLE, { id: adminMember, role: "COACH" }, admin())).data?.changeSchoolMemberRole).data.role).toBe("COACH");
    expect(succeeded((await app.gql(CHANGE_ROLE, { id: adminMember, role: "ADMIN" }, deputy)).data?.changeSchoolMemberRole).data.role).toBe("ADMIN");
  });

  it("is refused to a teacher and to another school's admin, and writes nothing", async () => {
    const target = await memberGid(fx.people.otherTeacher.id);
    const teacher = await app.gql(CHANGE_ROLE, { id: target, role: "ADMIN" }, fx.people.peerMember.token);
    expect(teacher.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const stranger = await app.gql(CHANGE_ROLE, { id: target, role: "ADMIN" }, fx.people.otherSchoolAdmin.token);
    expect(failed(stranger.data?.changeSchoolMemberRole).code).toBe("NOT_FOUND");
    expect((await app.db.prisma.schoolMember.findFirstOrThrow({ where: { userId: fx.people.otherTeacher.id } })).role).toBe("TEACHER");
  });
});

describe("deactivating and reactivating", () => {
  it("revokes every session and this school's API tokens, keeps what they wrote, and bars them from the school", async () => {
    const teacher = await newTeacher("Dora Deactivated", fx.otherSchoolId);
    await app.db.prisma.groupMember.create({ data: { groupId: fx.peerGroupId, userId: teacher.id } });
    const plan = await app.db.prisma.document.create({ data: { groupId: fx.peerGroupId, creatorId: teacher.id, kind: "LESSON_PLAN", title: "Dora's plan" } });
    const feedback = await app.db.prisma.feedback.create({ data: { documentId: plan.id, authorId: teacher.id, kind: "GLOW", body: "Lovely opener" } });
    const { token: second } = await startSession(app.db.prisma, teacher.id, 3600_000);
    const thisSchoolToken = await app.db.prisma.apiToken.create({
      data: { userId: teacher.id, schoolId: fx.schoolId, name: "here", prefix: "p1", tokenHash: `h-here-${teacher.id}`, scopes: ["CONTENT_READ"] },
    });
    const otherSchoolToken = await app.db.prisma.apiToken.create({
      data: { userId: teacher.id, schoolId: fx.otherSchoolId, name: "there", prefix: "p2", tokenHash: `h-there-${teacher.id}`, scopes: ["CONTENT_READ"] },
    });

    const res = await app.gql(DEACTIVATE, { id: teacher.memberGid }, admin());
    expect(res.data?.deactivateSchoolMember).toMatchObject({
      __typename: "MutationDeactivateSchoolMemberSuccess",
      data: { id: teacher.memberGid, status: "DEACTIVATED" },
    });

    const member = await app.db.prisma.schoolMember.findUniqueOrThrow({ where: { schoolId_userId: { schoolId: fx.schoolId, userId: teacher.id } } });
    expect(member.deactivatedAt).not.toBeNull();
    expect(member.role).toBe("TEACHER");
    const sessions = await app.db.prisma.authSession.findMany({ where: { userId: teacher.id } });
    expect(sessions.length).toBe(2);
    expect(sessions.every((s) => s.revokedAt !== null)).toBe(true);
    expect((await app.db.prisma.apiToken.findUniqueOrThrow({ where: { id: thisSchoolToken.id } })).revokedAt).not.toBeNull();
    expect((await app.db.prisma.apiToken.findUniqueOrThrow({ where: { id: otherSchoolToken.id } })).revokedAt).toBeNull();
    // What they wrote, and the groups they were in, stay as they were.
    expect(await app.db.prisma.document.findUnique({ where: { id: plan.id } })).toMatchObject({ creatorId: teacher.id });
    expect(await app.db.prisma.feedback.findUnique({ where: { id: feedback.id } })).toMatchObject({ authorId: teacher.id, body: "Lovely opener" });
    expect(await app.db.prisma.groupMember.count({ where: { groupId: fx.peerGroupId, userId: teacher.id } })).toBe(1);
    // ...and their name stays on it for colleagues.
    const byline = await app.gql(
      graphql(`
        query SchoolPeopleByline($id: ID!) {
          node(id: $id) {
            ... on Document {
              creator {
                name
              }
            }
          }
        }
      `),
      { id: gid("Document", plan.id) },
      fx.people.peerMember.token,
    );
    expect(asNode(byline.data?.node, "Document")!.creator.name).toBe("Dora Deactivated");

    expect((await app.gql(VIEWER_ID, {}, second)).status).toBe(401);
    // With another school still theirs, they sign in, and this school is gone from what they know.
    const signIn = await app.gql(SIGN_IN, { input: { email: teacher.email, password: PASSWORD } });
    expect(signIn.data?.signIn.__typename).toBe("MutationSignInSuccess");
    const fresh = succeeded(signIn.data?.signIn).data.token;
    const schools = await app.gql(
      graphql(`
        query SchoolPeopleMySchoolIds {
          mySchools {
            edges {
              node {
                id
              }
            }
          }
        }
      `),
      {},
      fresh,
    );
    expect(schools.data?.mySchools.edges).toEqual([{ node: { id: gid("School", fx.otherSchoolId) } }]);
    const content = await app.gql(NODE_ID, { id: gid("Document", plan.id) }, fresh);
    expect(content.data?.node).toBeNull();
  });

  it("refuses sign-in with a sentence when the school that deactivated them was their only one; reactivation lets them back", async () => {
    const teacher = await newTeacher("Otto Only");
    await app.gql(DEACTIVATE, { id: teacher.memberGid }, admin());
    const refused = await app.gql(SIGN_IN, { input: { email: teacher.email, password: PASSWORD } });
    const school = await app.db.prisma.school.findUniqueOrThrow({ where: { id: fx.schoolId } });
    expect(refused.data?.signIn).toEqual({
      __typename: "RuleViolationError",
      code: "RULE_VIOLATION",
      message: `An admin of ${school.name} deactivated your account. Ask them to reactivate it to sign in again.`,
    });
    // A wrong password learns nothing about deactivation.
    const wrong = await app.gql(SIGN_IN, { input: { email: teacher.email, password: "not the password" } });
    expect(failed(wrong.data?.signIn).message).toBe("That email and password do not match an account.");
    expect(await app.db.prisma.authSession.count({ where: { userId: teacher.id, revokedAt: null } })).toBe(0);

    const back = await app.gql(REACTIVATE, { id: teacher.memberGid }, admin());
    expect(back.data?.reactivateSchoolMember).toMatchObject({ data: { status: "ACTIVE", deactivatedAt: null } });
    // The sessions revoked at deactivation stay revoked; a new sign-in works.
    expect((await app.gql(VIEWER_ID, {}, teacher.token)).status).toBe(401);
    const again = await app.gql(SIGN_IN, { input: { email: teacher.email, password: PASSWORD } });
    expect(again.data?.signIn.__typename).toBe("MutationSignInSuccess");
    const schools = await app.gql(
      graphql(`
        query SchoolPeopleMySchoolRoles {
          mySchools {
            edges {
              node {
                viewerRole
              }
            }
          }
        }
      `),
      {},
      succeeded(again.data?.signIn).data.token,
    );
    expect(schools.data?.mySchools.edges).toEqual([{ node: { viewerRole: "TEACHER" } }]);
  });

  it("refuses an admin deactivating themselves, with a sentence, and writes nothing", async () => {
    const res = await app.gql(DEACTIVATE, { id: await memberGid(fx.people.admin.id) }, admin());
    expect(res.data?.deactivateSchoolMember).toEqual({
      __typename: "RuleViolationError",
      code: "RULE_VIOLATION",
      message: "You cannot deactivate yourself. Ask another admin of the school to do it.",
    });
    expect(await app.db.prisma.authSession.count({ where: { userId: fx.people.admin.id, revokedAt: { not: null } } })).toBe(0);
    expect((await app.db.prisma.schoolMember.findFirstOrThrow({ where: { userId: fx.people.admin.id } })).deactivatedAt).toBeNull();
  });

  it("deactivating twice changes nothing the second time", async () => {
    const teacher = await newTeacher("Tess Twice");
    const first = await app.gql(DEACTIVATE, { id: teacher.memberGid }, admin());
    const second = await app.gql(DEACTIVATE, { id: teacher.memberGid }, admin());
    expect(succeeded(second.data?.deactivateSchoolMember).data?.deactivatedAt).toBe(succeeded(first.data?.deactivateSchoolMember).data.deactivatedAt);
  });

  it("a deactivated person is no longer staff: not added to groups, not given a coach, not in the support network", async () => {
    const teacher = await newTeacher("Sam Sidelined");
    const supportCount = async () =>
      (
        await app.gql(
          graphql(`
            query SchoolPeopleSupportCount($s: ID!) {
              supportNetwork(schoolId: $s) {
                totalCount
              }
            }
          `),
          { s: fx.schoolGid },
          fx.people.coach.token,
        )
      ).data!.supportNetwork.totalCount;
    const before = await supportCount();
    await app.gql(DEACTIVATE, { id: teacher.memberGid }, admin());
    expect(await supportCount()).toBe(before - 1);

    const add = await app.gql(
      graphql(`
        mutation SchoolPeopleAddGroupMember($g: ID!, $u: ID!) {
          addGroupMember(groupId: $g, member: { userId: $u }) {
            __typename
            ... on ValidationError {
              issues {
                message
              }
            }
          }
        }
      `),
      { g: fx.plcGroupGid, u: teacher.gid },
      fx.people.plcFacilitator.token,
    );
    expect(add.data?.addGroupMember).toEqual({ __typename: "ValidationError", issues: [{ message: "Everyone in a group must be on the school's staff." }] });
    const assign = await app.gql(
      graphql(`
        mutation SchoolPeopleAssignCoach($input: AssignCoachInput!) {
          assignCoach(input: $input) {
            __typename
            ... on ValidationError {
              issues {
                message
              }
            }
          }
        }
      `),
      { input: { schoolId: fx.schoolGid, coachId: fx.people.coach.gid, teacherId: teacher.gid } },
      fx.people.coach.token,
    );
    expect(assign.data?.assignCoach).toEqual({ __typename: "ValidationError", issues: [{ message: "The teacher must be on the school's staff." }] });
    expect(await app.db.prisma.groupMember.count({ where: { userId: teacher.id } })).toBe(0);
    expect(await app.db.prisma.coachingAssignment.count({ where: { teacherId: teacher.id } })).toBe(0);
  });
});
