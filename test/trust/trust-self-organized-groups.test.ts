// Trust table rows for the mutations that let peer groups run themselves and let leaders steer
// PLCs: starting a group, leaving, archiving and unarchiving, adding and removing members, naming
// a facilitator, and searching the school's staff. For every actor of the fixture, tokens with
// and without the scope, and nobody. A refused write changes nothing, and for someone who may not
// know the group it is answered exactly as for a group that does not exist.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ApiScope } from "@staffroom/api/testing";
import { startTestApp, type GqlResult, type TestApp, type TypedDocument } from "../support/app.ts";
import { graphql } from "../support/graphql.ts";
import { asNode } from "../support/operations.ts";
import { buildSchoolFixture, gid, type ActorKey, type SchoolFixture } from "../support/school-fixture.ts";
import { asActor, doneBy, readOutcome, shownTo, TRUST_ACTORS, writeOutcome, type TrustActor } from "../support/trust.ts";

let app: TestApp;
let fx: SchoolFixture;
beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "selforg");
});
afterAll(() => app?.close());

const as = (actor: TrustActor, owner: ActorKey, scope: ApiScope) => asActor(app, fx, actor, owner, scope);
const snapshot = async () => ({
  groups: await app.db.prisma.group.findMany({ orderBy: { id: "asc" } }),
  members: await app.db.prisma.groupMember.findMany({ orderBy: { id: "asc" } }),
});
const peerMembers = ["peerMember", "peerMember2", "peerMember3"] as const;
const teachers: ActorKey[] = ["peerMember", "peerMember2", "peerMember3", "plcFacilitator", "plcMember", "otherTeacher"];

/** Puts the fixture's groups back as buildSchoolFixture made them (a "done" write changed them). */
async function restoreGroups() {
  const { prisma } = app.db;
  await prisma.group.updateMany({ where: { id: { in: [fx.peerGroupId, fx.plcGroupId] } }, data: { archivedAt: null } });
  await prisma.group.update({ where: { id: fx.peerGroupId }, data: { name: "Fixture peer group" } });
  await prisma.groupMember.deleteMany({ where: { groupId: fx.peerGroupId, userId: { notIn: peerMembers.map((k) => fx.people[k].id) } } });
  for (const key of peerMembers) {
    await prisma.groupMember.upsert({
      where: { groupId_userId: { groupId: fx.peerGroupId, userId: fx.people[key].id } },
      create: { groupId: fx.peerGroupId, userId: fx.people[key].id },
      update: {},
    });
  }
  await prisma.groupMember.deleteMany({ where: { groupId: fx.plcGroupId, userId: { notIn: [fx.people.plcFacilitator.id, fx.people.plcMember.id] } } });
  for (const [key, role] of [
    ["plcFacilitator", "FACILITATOR"],
    ["plcMember", "MEMBER"],
  ] as const) {
    await prisma.groupMember.upsert({
      where: { groupId_userId: { groupId: fx.plcGroupId, userId: fx.people[key].id } },
      create: { groupId: fx.plcGroupId, userId: fx.people[key].id, role },
      update: { role },
    });
  }
  await prisma.group.deleteMany({ where: { id: { notIn: [fx.peerGroupId, fx.plcGroupId] } } });
}
beforeEach(restoreGroups);

/** Runs a write as `actor`: its outcome must be `expected`, and a refused one must change nothing. */
async function expectWrite<Result, Variables>(
  actor: TrustActor,
  expected: Record<TrustActor, "done" | "refused">,
  {
    owner,
    scope,
    field,
    query,
    variables,
  }: { owner: ActorKey; scope: ApiScope; field: string; query: TypedDocument<Result, Variables>; variables: NoInfer<Variables> },
) {
  const q = (await as(actor, owner, scope)) as (document: TypedDocument<Result, Variables>, variables: Variables) => Promise<GqlResult<Result>>;
  const before = await snapshot();
  const outcome = writeOutcome(await q(query, variables), field);
  expect(outcome).toBe(expected[actor]);
  if (outcome === "refused") expect(await snapshot()).toEqual(before);
}

const CREATE = graphql(`
  mutation TrustCreateGroup($input: CreateGroupInput!) {
    createGroup(input: $input) {
      __typename
      ... on MutationCreateGroupSuccess {
        data {
          id
        }
      }
      ... on BaseError {
        code
      }
    }
  }
`);
const LEAVE = graphql(`
  mutation TrustLeaveGroup($g: ID!) {
    leaveGroup(groupId: $g) {
      __typename
      ... on MutationLeaveGroupSuccess {
        data {
          groupId
        }
      }
      ... on BaseError {
        code
      }
    }
  }
`);
const ARCHIVE = graphql(`
  mutation TrustArchiveGroup($g: ID!) {
    archiveGroup(groupId: $g) {
      __typename
      ... on MutationArchiveGroupSuccess {
        data {
          id
        }
      }
      ... on BaseError {
        code
      }
    }
  }
`);
const UNARCHIVE = graphql(`
  mutation TrustUnarchiveGroup($g: ID!) {
    unarchiveGroup(groupId: $g) {
      __typename
      ... on MutationUnarchiveGroupSuccess {
        data {
          id
        }
      }
      ... on BaseError {
        code
      }
    }
  }
`);
const ADD = graphql(`
  mutation TrustAddGroupMember($g: ID!, $u: ID!) {
    addGroupMember(groupId: $g, member: { userId: $u }) {
      __typename
      ... on MutationAddGroupMemberSuccess {
        data {
          id
        }
      }
      ... on BaseError {
        code
      }
    }
  }
`);
const REMOVE = graphql(`
  mutation TrustRemoveGroupMember($g: ID!, $u: ID!) {
    removeGroupMember(groupId: $g, userId: $u) {
      __typename
      ... on BaseError {
        code
      }
    }
  }
`);
const ROLE = graphql(`
  mutation TrustChangeGroupMemberRole($m: ID!, $role: GroupRole!) {
    changeGroupMemberRole(memberId: $m, role: $role) {
      __typename
      ... on MutationChangeGroupMemberRoleSuccess {
        data {
          id
        }
      }
      ... on BaseError {
        code
      }
    }
  }
`);
const SEARCH_STAFF = graphql(`
  query TrustSearchStaff($s: ID!, $q: String) {
    node(id: $s) {
      ... on School {
        members(search: $q) {
          totalCount
          edges {
            node {
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

const plcMembership = async () =>
  gid("GroupMember", (await app.db.prisma.groupMember.findFirstOrThrow({ where: { groupId: fx.plcGroupId, userId: fx.people.plcMember.id } })).id);

describe("starting groups", () => {
  // Three teachers besides the actor: a teacher's group holds them too, a leader's only them.
  const colleaguesOf = (actor: TrustActor) =>
    teachers
      .filter((k) => k !== actor)
      .slice(0, 3)
      .map((k) => ({ userId: fx.people[k].gid }));

  it.each(TRUST_ACTORS)("a peer group, as %s: anyone on the school's staff", async (actor) => {
    await expectWrite(actor, doneBy(...teachers, "coach", "admin", "tokenWithScope"), {
      owner: "otherTeacher",
      scope: "GROUPS_WRITE",
      field: "createGroup",
      query: CREATE,
      variables: { input: { schoolId: fx.schoolGid, kind: "PEER", name: `Started by ${actor}`, members: colleaguesOf(actor) } },
    });
  });

  it.each(TRUST_ACTORS)("a PLC, as %s: the school's leaders only", async (actor) => {
    await expectWrite(actor, doneBy("coach", "admin", "tokenWithScope"), {
      owner: "admin",
      scope: "GROUPS_WRITE",
      field: "createGroup",
      query: CREATE,
      variables: {
        input: { schoolId: fx.schoolGid, kind: "PLC", name: `PLC by ${actor}`, members: [{ userId: fx.people.otherTeacher.gid, role: "FACILITATOR" }] },
      },
    });
  });
});

describe("a peer group is its members' to run", () => {
  const members = doneBy(...peerMembers, "tokenWithScope");

  it.each(TRUST_ACTORS)("leaving it, as %s", async (actor) => {
    await expectWrite(actor, members, { owner: "peerMember3", scope: "GROUPS_WRITE", field: "leaveGroup", query: LEAVE, variables: { g: fx.peerGroupGid } });
  });

  it.each(TRUST_ACTORS)("archiving it, as %s", async (actor) => {
    await expectWrite(actor, members, { owner: "peerMember", scope: "GROUPS_WRITE", field: "archiveGroup", query: ARCHIVE, variables: { g: fx.peerGroupGid } });
  });

  it.each(TRUST_ACTORS)("unarchiving it, as %s", async (actor) => {
    await app.db.prisma.group.update({ where: { id: fx.peerGroupId }, data: { archivedAt: new Date() } });
    await expectWrite(actor, members, {
      owner: "peerMember",
      scope: "GROUPS_WRITE",
      field: "unarchiveGroup",
      query: UNARCHIVE,
      variables: { g: fx.peerGroupGid },
    });
  });

  it.each(TRUST_ACTORS)("adding a colleague to it, as %s", async (actor) => {
    await expectWrite(actor, members, {
      owner: "peerMember",
      scope: "GROUPS_WRITE",
      field: "addGroupMember",
      query: ADD,
      variables: { g: fx.peerGroupGid, u: fx.people.otherTeacher.gid },
    });
  });

  it.each(TRUST_ACTORS)("removing a member from it, as %s", async (actor) => {
    await expectWrite(actor, members, {
      owner: "peerMember",
      scope: "GROUPS_WRITE",
      field: "removeGroupMember",
      query: REMOVE,
      variables: { g: fx.peerGroupGid, u: fx.people.peerMember3.gid },
    });
  });
});

describe("a PLC is steered by its facilitator and the school's leaders", () => {
  it.each(TRUST_ACTORS)("naming its facilitator, as %s", async (actor) => {
    await expectWrite(actor, doneBy("plcFacilitator", "coach", "admin", "tokenWithScope"), {
      owner: "plcFacilitator",
      scope: "GROUPS_WRITE",
      field: "changeGroupMemberRole",
      query: ROLE,
      variables: { m: await plcMembership(), role: "FACILITATOR" },
    });
  });

  it.each(TRUST_ACTORS)("unarchiving it, as %s", async (actor) => {
    await app.db.prisma.group.update({ where: { id: fx.plcGroupId }, data: { archivedAt: new Date() } });
    await expectWrite(actor, doneBy("plcFacilitator", "coach", "admin", "tokenWithScope"), {
      owner: "plcFacilitator",
      scope: "GROUPS_WRITE",
      field: "unarchiveGroup",
      query: UNARCHIVE,
      variables: { g: fx.plcGroupGid },
    });
  });
});

describe("refused as if missing", () => {
  const MISSING_GROUP = gid("Group", "00000000-0000-4000-8000-000000000000");
  const MISSING_MEMBER = gid("GroupMember", "00000000-0000-4000-8000-000000000000");
  // Everyone who may not know the group exists: the answer for it and for a made-up id are the same.
  const strangersToPeer: TrustActor[] = ["plcFacilitator", "plcMember", "otherTeacher", "otherSchoolAdmin", "anonymous"];
  const strangersToPlc: TrustActor[] = ["peerMember", "otherTeacher", "otherSchoolAdmin", "anonymous"];

  it.each(strangersToPeer)("leaving, unarchiving and archiving the peer group, as %s", async (actor) => {
    const q = await as(actor, "peerMember", "GROUPS_WRITE");
    const sameAsMissing = async <Result>(query: TypedDocument<Result, { g: string }>) => {
      const real = await q(query, { g: fx.peerGroupGid });
      const missing = await q(query, { g: MISSING_GROUP });
      expect(real).toEqual(missing);
    };
    await sameAsMissing(LEAVE);
    await sameAsMissing(UNARCHIVE);
    await sameAsMissing(ARCHIVE);
  });

  it.each(strangersToPlc)("naming the PLC's facilitator, as %s", async (actor) => {
    const q = await as(actor, "plcFacilitator", "GROUPS_WRITE");
    const real = await q(ROLE, { m: await plcMembership(), role: "FACILITATOR" });
    const missing = await q(ROLE, { m: MISSING_MEMBER, role: "FACILITATOR" });
    expect(real).toEqual(missing);
  });
});

describe("searching the school's staff", () => {
  const staff = shownTo(...teachers, "coach", "admin", "tokenWithScope");
  it.each(TRUST_ACTORS)("School.members(search) and its count, as %s", async (actor) => {
    const q = await as(actor, "otherTeacher", "SCHOOL_READ");
    const res = await q(SEARCH_STAFF, {
      s: fx.schoolGid,
      q: "coach",
    });
    expect(readOutcome(res, (d) => asNode(d.node, "School")?.members.totalCount)).toBe(staff[actor]);
    expect(readOutcome(res, (d) => asNode(d.node, "School")?.members.edges)).toBe(staff[actor]);
  });
});
