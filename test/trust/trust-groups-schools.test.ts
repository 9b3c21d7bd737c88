// Trust table rows for schools, people, groups and API tokens, for every kind of actor, through
// node(id), connections, nested relations, filters and counts; refused writes change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiScope } from "@staffroom/api/testing";
import { startTestApp, type TestApp } from "../support/app.ts";
import { graphql, type ResultOf } from "../support/graphql.ts";
import { asNode, succeeded } from "../support/operations.ts";
import { buildSchoolFixture, gid, type ActorKey, type SchoolFixture } from "../support/school-fixture.ts";
import { asActor, doneBy, readOutcome, shownTo, TRUST_ACTORS, writeOutcome, type TrustActor } from "../support/trust.ts";

let app: TestApp;
let fx: SchoolFixture;
beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma);
});
afterAll(() => app?.close());

const GroupMetadata = graphql(`
  query TrustGroupMetadata($id: ID!) {
    node(id: $id) {
      ... on Group {
        name
        meetingCadence
      }
    }
  }
`);
const GroupMembers = graphql(`
  query TrustGroupMembers($id: ID!) {
    node(id: $id) {
      ... on Group {
        members {
          totalCount
          edges {
            node {
              role
              user {
                name
              }
            }
          }
        }
      }
    }
  }
`);
const SchoolGroups = graphql(`
  query TrustSchoolGroups($school: ID!) {
    node(id: $school) {
      ... on School {
        groups {
          totalCount
          edges {
            node {
              id
            }
          }
        }
      }
    }
  }
`);
const SchoolAndColleague = graphql(`
  query TrustSchoolAndColleague($school: ID!, $user: ID!) {
    school: node(id: $school) {
      ... on School {
        name
        members {
          totalCount
        }
      }
    }
    user: node(id: $user) {
      ... on User {
        name
      }
    }
  }
`);
const UserEmail = graphql(`
  query TrustUserEmail($id: ID!) {
    node(id: $id) {
      ... on User {
        email
      }
    }
  }
`);
const UpdateGroup = graphql(`
  mutation TrustUpdateGroup($input: UpdateGroupInput!) {
    updateGroup(input: $input) {
      __typename
      ... on BaseError {
        code
      }
    }
  }
`);
const AddGroupMember = graphql(`
  mutation TrustAddGroupMember($group: ID!, $user: ID!) {
    addGroupMember(groupId: $group, member: { userId: $user }) {
      __typename
      ... on BaseError {
        code
      }
    }
  }
`);
const ChangeSchoolMemberRole = graphql(`
  mutation TrustChangeSchoolMemberRole($id: ID!) {
    changeSchoolMemberRole(memberId: $id, role: COACH) {
      __typename
      ... on BaseError {
        code
      }
    }
  }
`);
const MyApiTokensInSchool = graphql(`
  query TrustMyApiTokensInSchool($s: ID!) {
    myApiTokens(schoolId: $s) {
      edges {
        node {
          name
          status
        }
      }
    }
  }
`);
const MyApiTokenNames = graphql(`
  query TrustMyApiTokenNames {
    myApiTokens {
      edges {
        node {
          name
        }
      }
    }
  }
`);
const CreateApiTokenTypename = graphql(`
  mutation TrustCreateApiTokenTypename($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      __typename
    }
  }
`);
const CreateApiToken = graphql(`
  mutation TrustCreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      __typename
      ... on MutationCreateApiTokenSuccess {
        data {
          secret
          apiToken {
            id
            name
            scopes
            prefix
          }
        }
      }
    }
  }
`);
const SchoolCounts = graphql(`
  query TrustSchoolCounts($s: ID!) {
    node(id: $s) {
      ... on School {
        groups {
          totalCount
        }
        members {
          totalCount
        }
      }
    }
  }
`);
const GroupName = graphql(`
  query TrustGroupName($id: ID!) {
    node(id: $id) {
      ... on Group {
        name
      }
    }
  }
`);
const MyApiTokensUsed = graphql(`
  query TrustMyApiTokensUsed {
    myApiTokens {
      edges {
        node {
          name
          lastUsedAt
        }
      }
    }
  }
`);
const RevokeApiToken = graphql(`
  mutation TrustRevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      __typename
    }
  }
`);
const ViewerName = graphql(`
  query TrustViewerName {
    viewer {
      name
    }
  }
`);

type Row = Record<TrustActor, "shown" | "hidden">;
const as = (actor: TrustActor, owner: ActorKey, scope: ApiScope) => asActor(app, fx, actor, owner, scope);

const peerGroupMetadata: Row = shownTo("peerMember", "peerMember2", "peerMember3", "coach", "admin", "tokenWithScope");
const plcMetadata: Row = shownTo("plcFacilitator", "plcMember", "coach", "admin", "tokenWithScope");
const actors = TRUST_ACTORS;

describe.each([
  ["peer group", () => fx.peerGroupGid, peerGroupMetadata, "peerMember" as ActorKey],
  ["PLC", () => fx.plcGroupGid, plcMetadata, "plcMember" as ActorKey],
])("%s metadata", (_label, groupGid, expected, owner) => {
  it.each(actors)("node(id) for %s", async (actor) => {
    const q = await as(actor, owner, "GROUPS_READ");
    const res = await q(GroupMetadata, { id: groupGid() });
    expect(readOutcome(res, (d) => asNode(d.node, "Group")?.name)).toBe(expected[actor]);
  });

  it.each(actors)("members connection and its totalCount for %s", async (actor) => {
    const q = await as(actor, owner, "GROUPS_READ");
    const res = await q(GroupMembers, {
      id: groupGid(),
    });
    expect(readOutcome(res, (d) => asNode(d.node, "Group")?.members.totalCount)).toBe(expected[actor]);
    expect(readOutcome(res, (d) => asNode(d.node, "Group")?.members.edges)).toBe(expected[actor]);
  });

  it.each(actors)("school.groups list, filter and count for %s", async (actor) => {
    const q = await as(actor, owner, "GROUPS_READ");
    const res = await q(SchoolGroups, {
      school: fx.schoolGid,
    });
    const groups = asNode(res.data?.node, "School")?.groups;
    const ids: string[] = groups?.edges.map((e) => e.node.id) ?? [];
    expect(ids.includes(groupGid()) ? "shown" : "hidden").toBe(expected[actor]);
    if (groups) expect(groups.totalCount).toBe(ids.length);
  });
});

describe("school and people", () => {
  const schoolRow: Row = shownTo("peerMember", "peerMember2", "peerMember3", "plcFacilitator", "plcMember", "otherTeacher", "coach", "admin", "tokenWithScope");
  it.each(actors)("the school, its staff list and a colleague for %s", async (actor) => {
    const q = await as(actor, "otherTeacher", "SCHOOL_READ");
    const res = await q(SchoolAndColleague, { school: fx.schoolGid, user: fx.people.coach.gid });
    expect(readOutcome(res, (d) => asNode(d.school, "School")?.members.totalCount)).toBe(schoolRow[actor]);
    // A colleague's name takes no scope (people are named by most of what any scope reads); the
    // staff list does: without SCHOOL_READ the school is named and its list is empty.
    const named = actor === "tokenWithoutScope" ? "shown" : schoolRow[actor];
    expect(readOutcome(res, (d) => asNode(d.user, "User")?.name)).toBe(actor === "coach" ? "shown" : named);
    expect(readOutcome(res, (d) => asNode(d.school, "School")?.name)).toBe(named);
  });

  it("an email is shown to its owner and the school's admins only", async () => {
    const read = async (who: ActorKey) => asNode((await app.gql(UserEmail, { id: fx.people.plcMember.gid }, fx.people[who].token)).data?.node, "User")?.email;
    expect(await read("plcMember")).toBe(fx.people.plcMember.email);
    expect(await read("admin")).toBe(fx.people.plcMember.email);
    expect(await read("coach")).toBeNull();
    expect(await read("otherTeacher")).toBeNull();
  });
});

describe("writes that are refused change nothing", () => {
  const snapshot = async () => ({
    groups: await app.db.prisma.group.findMany({ orderBy: { id: "asc" } }),
    members: await app.db.prisma.groupMember.findMany({ orderBy: { id: "asc" } }),
    schoolMembers: await app.db.prisma.schoolMember.findMany({ orderBy: { id: "asc" } }),
  });

  const managePeer = doneBy("peerMember", "peerMember2", "peerMember3", "tokenWithScope");
  it.each(actors)("renaming the peer group as %s", async (actor) => {
    const q = await as(actor, "peerMember", "GROUPS_WRITE");
    const before = await snapshot();
    const res = await q(UpdateGroup, {
      input: { groupId: fx.peerGroupGid, name: `Renamed by ${actor}` },
    });
    const outcome = writeOutcome(res, "updateGroup");
    expect(outcome).toBe(managePeer[actor]);
    if (outcome === "refused") expect(await snapshot()).toEqual(before);
    else await app.db.prisma.group.update({ where: { id: fx.peerGroupId }, data: { name: "Fixture peer group" } });
  });

  const managePlc = doneBy("plcFacilitator", "coach", "admin", "tokenWithScope");
  it.each(actors)("adding someone to the PLC as %s", async (actor) => {
    const q = await as(actor, "plcFacilitator", "GROUPS_WRITE");
    const before = await snapshot();
    const res = await q(AddGroupMember, { group: fx.plcGroupGid, user: fx.people.otherTeacher.gid });
    const outcome = writeOutcome(res, "addGroupMember");
    expect(outcome).toBe(managePlc[actor]);
    if (outcome === "refused") expect(await snapshot()).toEqual(before);
    else await app.db.prisma.groupMember.deleteMany({ where: { groupId: fx.plcGroupId, userId: fx.people.otherTeacher.id } });
  });

  const adminOnly = doneBy("admin", "tokenWithScope");
  it.each(actors)("changing a school member's role as %s", async (actor) => {
    const member = await app.db.prisma.schoolMember.findFirstOrThrow({ where: { userId: fx.people.otherTeacher.id } });
    const q = await as(actor, "admin", "SCHOOL_WRITE");
    const before = await snapshot();
    const res = await q(ChangeSchoolMemberRole, {
      id: gid("SchoolMember", member.id),
    });
    const outcome = writeOutcome(res, "changeSchoolMemberRole");
    expect(outcome).toBe(adminOnly[actor]);
    if (outcome === "refused") expect(await snapshot()).toEqual(before);
    else await app.db.prisma.schoolMember.update({ where: { id: member.id }, data: { role: "TEACHER" } });
  });
});

describe("API tokens", () => {
  // Leadership metadata: what a colleague connects Staffroom to is theirs. Nobody, an admin
  // included, lists or reads another person's tokens; a token lists none, not even its own.
  it.each(TRUST_ACTORS)("myApiTokens(schoolId) with status, as %s: only your own, and only with a sign-in", async (actor) => {
    await app.db.prisma.apiToken.deleteMany({ where: { name: { startsWith: "Listed: " } } });
    for (const owner of ["peerMember", "coach", "admin"] as const) {
      await app.db.prisma.apiToken.create({
        data: {
          userId: fx.people[owner].id,
          schoolId: fx.schoolId,
          name: `Listed: ${owner}`,
          prefix: "sra_x",
          tokenHash: `listed-${owner}`,
          scopes: ["GROUPS_READ"],
        },
      });
    }
    const q = await as(actor, "admin", "SCHOOL_READ");
    const res = await q(MyApiTokensInSchool, { s: fx.schoolGid });
    const fixtureTokens = (d: ResultOf<typeof MyApiTokensInSchool> | undefined) =>
      d?.myApiTokens.edges.filter((e) => e.node.name.startsWith("Listed: ")).map((e) => e.node);
    const own = actor === "peerMember" || actor === "coach" || actor === "admin";
    expect(readOutcome(res, fixtureTokens)).toBe(own ? "shown" : "hidden");
    if (own) expect(fixtureTokens(res.data)).toEqual([{ name: `Listed: ${actor}`, status: "ACTIVE" }]);
    await app.db.prisma.apiToken.deleteMany({ where: { name: { startsWith: "Listed: " } } });
  });

  it("are listed, created and revoked only with a real sign-in, never with another token", async () => {
    const token = await fx.apiToken("plcMember", ["GROUPS_READ", "SCHOOL_READ"]);
    const list = await app.gql(MyApiTokenNames, {}, token);
    expect(list.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const create = await app.gql(CreateApiTokenTypename, { input: { schoolId: fx.schoolGid, name: "sneaky", scopes: ["CONTENT_WRITE"] } }, token);
    expect(create.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await app.db.prisma.apiToken.count({ where: { name: "sneaky" } })).toBe(0);
  });

  it("acts only within its one school and scopes; revoked, it stops working at once", async () => {
    const created = await app.gql(
      CreateApiToken,
      { input: { schoolId: fx.schoolGid, name: "District dashboard", scopes: ["GROUPS_READ"] } },
      fx.people.coach.token,
    );
    const { secret, apiToken } = succeeded(created.data?.createApiToken).data;
    expect(apiToken).toMatchObject({ name: "District dashboard", scopes: ["GROUPS_READ"] });
    expect(secret.startsWith(apiToken.prefix)).toBe(true);
    const stored = await app.db.prisma.apiToken.findFirstOrThrow({ where: { name: "District dashboard" } });
    expect(stored.tokenHash).not.toContain(secret.slice(4, 20)); // only the hash is kept

    const groups = await app.gql(SchoolCounts, { s: fx.schoolGid }, secret);
    // GROUPS_READ without SCHOOL_READ: the school's groups, and none of its staff list.
    expect(groups.data?.node).toEqual({ groups: { totalCount: 2 }, members: { totalCount: 0 } });
    const group = await app.gql(GroupName, { id: fx.peerGroupGid }, secret);
    expect(asNode(group.data?.node, "Group")?.name).toBe("Fixture peer group");

    const listed = await app.gql(MyApiTokensUsed, {}, fx.people.coach.token);
    expect(listed.data?.myApiTokens.edges.map((e) => e.node.name)).toEqual(["District dashboard"]);
    expect(listed.data?.myApiTokens.edges[0]?.node.lastUsedAt).not.toBeNull();
    const other = await app.gql(RevokeApiToken, { id: apiToken.id }, fx.people.admin.token);
    expect(other.data?.revokeApiToken.__typename).toBe("NotFoundError");
    const revoked = await app.gql(RevokeApiToken, { id: apiToken.id }, fx.people.coach.token);
    expect(revoked.data?.revokeApiToken.__typename).toBe("MutationRevokeApiTokenSuccess");
    const after = await app.gql(ViewerName, {}, secret);
    expect(after.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
