// Peer groups organize themselves: a teacher starts one with colleagues (3 to 6 people, 3 to 5
// recommended, said in a sentence), its members add colleagues, edit its name, focus and cadence,
// archive and unarchive it, and leave it (the last one out archives it). PLCs stay run by their
// facilitators and the school's leaders, who name the facilitator. A failed change writes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSession } from "@staffroom/api/testing";
import { startTestApp, type TestApp } from "../support/app.ts";
import { buildSchoolFixture, gid, type Person, type SchoolFixture } from "../support/school-fixture.ts";
import { graphql } from "../support/graphql.ts";
import { asNode, failed, failedWith, MutationError, MyGroupNames, succeeded } from "../support/operations.ts";

let app: TestApp;
let fx: SchoolFixture;
/** Three more teachers of the fixture school, so groups can reach their upper limit. */
let extra: Person[];
beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "self");
  extra = [];
  for (const name of ["Iris Alvarez", "Jonah Price", "Kemal Aydin"]) {
    const user = await app.make.user({ email: `${name.split(" ")[0]!.toLowerCase()}@self.test`, name, passwordHash: "scrypt$unused" });
    await app.make.schoolMember({ schoolId: fx.schoolId, userId: user.id, role: "TEACHER" });
    const { token } = await startSession(app.db.prisma, user.id, 3600_000);
    extra.push({ id: user.id, gid: gid("User", user.id), token, email: user.email, name });
  }
});
afterAll(() => app?.close());

const CREATE = graphql(
  `
  mutation SelfOrganizedCreateGroup($input: CreateGroupInput!) {
    createGroup(input: $input) {
      __typename
      ... on MutationCreateGroupSuccess {
        data {
          id
          name
          kind
          focus
          meetingCadence
          sizeWarning
          viewerRole
          viewerCan {
            manage
            leave
            changeRoles
          }
          members {
            totalCount
            edges {
              node {
                id
                role
                user {
                  id
                  name
                }
              }
            }
          }
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const UPDATE = graphql(
  `
  mutation SelfOrganizedUpdateGroup($input: UpdateGroupInput!) {
    updateGroup(input: $input) {
      __typename
      ... on MutationUpdateGroupSuccess {
        data {
          id
          name
          focus
          meetingCadence
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const ADD = graphql(
  `
  mutation SelfOrganizedAddGroupMember($g: ID!, $u: ID!) {
    addGroupMember(groupId: $g, member: { userId: $u }) {
      __typename
      ... on MutationAddGroupMemberSuccess {
        data {
          id
          role
          user {
            name
          }
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const LEAVE = graphql(
  `
  mutation SelfOrganizedLeaveGroup($g: ID!) {
    leaveGroup(groupId: $g) {
      __typename
      ... on MutationLeaveGroupSuccess {
        data {
          groupId
          archived
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const ARCHIVE = graphql(
  `
  mutation SelfOrganizedArchiveGroup($g: ID!) {
    archiveGroup(groupId: $g) {
      __typename
      ... on MutationArchiveGroupSuccess {
        data {
          id
          archivedAt
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const UNARCHIVE = graphql(
  `
  mutation SelfOrganizedUnarchiveGroup($g: ID!) {
    unarchiveGroup(groupId: $g) {
      __typename
      ... on MutationUnarchiveGroupSuccess {
        data {
          id
          archivedAt
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
/** The older spelling of unarchiving, which integrators may still use. */
const ARCHIVE_FLAG = graphql(`
  mutation SelfOrganizedArchiveFlag($g: ID!, $archived: Boolean) {
    archiveGroup(groupId: $g, archived: $archived) {
      __typename
    }
  }
`);
const ROLE = graphql(
  `
  mutation SelfOrganizedChangeRole($m: ID!, $role: GroupRole!) {
    changeGroupMemberRole(memberId: $m, role: $role) {
      __typename
      ... on MutationChangeGroupMemberRoleSuccess {
        data {
          id
          role
          user {
            name
          }
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const GROUP = graphql(`
  query SelfOrganizedGroup($id: ID!) {
    node(id: $id) {
      ... on Group {
        id
        name
        archivedAt
        sizeWarning
        viewerRole
        viewerCan {
          manage
          leave
          changeRoles
        }
        members {
          totalCount
          edges {
            node {
              id
              role
              user {
                id
                name
              }
            }
          }
        }
      }
    }
  }
`);
const GROUP_PERMISSIONS = graphql(`
  query SelfOrganizedGroupPermissions($id: ID!) {
    node(id: $id) {
      ... on Group {
        viewerCan {
          writeContent
          manage
          leave
        }
      }
    }
  }
`);
const SCHOOL_PEER_GROUPS = graphql(`
  query SelfOrganizedSchoolPeerGroups($s: ID!) {
    node(id: $s) {
      ... on School {
        groups(includeArchived: true, kind: PEER) {
          edges {
            node {
              id
              archivedAt
              members {
                totalCount
              }
              viewerCan {
                readContent
                manage
              }
            }
          }
        }
      }
    }
  }
`);
const SEARCH_MEMBERS = graphql(`
  query SelfOrganizedSearchMembers($s: ID!, $q: String) {
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

const counts = async () => ({ groups: await app.db.prisma.group.count(), members: await app.db.prisma.groupMember.count() });

async function startPeerGroup(by: Person, colleagues: Person[], name = "Wait-time circle") {
  const res = await app.gql(
    CREATE,
    {
      input: {
        schoolId: fx.schoolGid,
        kind: "PEER",
        name,
        focus: "Wait time",
        meetingCadence: "Thursdays",
        members: colleagues.map((p) => ({ userId: p.gid })),
      },
    },
    by.token,
  );
  expect(res.errors).toBeUndefined();
  return res.data!.createGroup;
}

describe("a teacher starts a peer group", () => {
  it("with two colleagues: the starter is in it, everyone is an equal member, and the creator reads back what was created", async () => {
    const started = await startPeerGroup(fx.people.otherTeacher, [extra[0]!, extra[1]!]);
    expect(started.__typename).toBe("MutationCreateGroupSuccess");
    const created = succeeded(started);
    expect(created.data).toMatchObject({ kind: "PEER", name: "Wait-time circle", focus: "Wait time", meetingCadence: "Thursdays", sizeWarning: null });
    expect(created.data.viewerRole).toBe("MEMBER");
    expect(created.data.viewerCan).toEqual({ manage: true, leave: true, changeRoles: false });
    expect(created.data.members.totalCount).toBe(3);
    expect(created.data.members.edges.map((e) => e.node.role)).toEqual(["MEMBER", "MEMBER", "MEMBER"]);
    // A colleague sees it among their groups.
    const theirs = await app.gql(MyGroupNames, {}, extra[0]!.token);
    expect(theirs.data?.myGroups.edges.map((e) => e.node.id)).toContain(created.data.id);
  });

  it("with fewer than 3 or more than 6 people is refused with the rule in a sentence, and nothing is written", async () => {
    const before = await counts();
    const tooFew = await startPeerGroup(fx.people.otherTeacher, [extra[2]!], "Pair");
    expect(tooFew.__typename).toBe("ValidationError");
    expect(failedWith(tooFew, "ValidationError").issues).toEqual([
      { path: "input.members", message: "A peer group has 3 to 6 members; 3 to 5 works best. This one would have 2 (you included)." },
    ]);
    const everyone = [fx.people.peerMember, fx.people.peerMember2, fx.people.plcMember, extra[0]!, extra[1]!, extra[2]!];
    const tooMany = await startPeerGroup(fx.people.otherTeacher, everyone, "Crowd");
    expect(tooMany.__typename).toBe("ValidationError");
    expect(failedWith(tooMany, "ValidationError").issues[0]?.message).toBe(
      "A peer group has 3 to 6 members; 3 to 5 works best. This one would have 7 (you included).",
    );
    expect(await counts()).toEqual(before);
  });

  it("may not start a PLC: those are the school's leaders' to set up", async () => {
    const before = await counts();
    const res = await app.gql(CREATE, { input: { schoolId: fx.schoolGid, kind: "PLC", name: "My own PLC" } }, fx.people.otherTeacher.token);
    expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await counts()).toEqual(before);
  });

  it("may not put someone from another school in it", async () => {
    const before = await counts();
    const res = await startPeerGroup(fx.people.otherTeacher, [extra[0]!, fx.people.otherSchoolAdmin], "Across schools");
    expect(res.__typename).toBe("ValidationError");
    expect(failedWith(res, "ValidationError").issues[0]?.message).toBe("Everyone in a group must be on the school's staff.");
    expect(await counts()).toEqual(before);
  });
});

describe("the members run their peer group", () => {
  it("add colleagues up to 6 (with a note past 5), and the 7th is refused in a sentence", async () => {
    const group = succeeded(await startPeerGroup(extra[0]!, [extra[1]!, extra[2]!], "Growing group")).data;
    for (const colleague of [fx.people.peerMember, fx.people.peerMember2]) {
      const added = await app.gql(ADD, { g: group.id, u: colleague.gid }, extra[1]!.token);
      expect(added.data?.addGroupMember).toMatchObject({
        __typename: "MutationAddGroupMemberSuccess",
        data: { role: "MEMBER", user: { name: colleague.name } },
      });
    }
    let read = await readGroup(group.id, extra[0]!);
    expect(read?.members.totalCount).toBe(5);
    expect(read?.sizeWarning).toBeNull();
    expect((await app.gql(ADD, { g: group.id, u: fx.people.peerMember3.gid }, extra[2]!.token)).data?.addGroupMember.__typename).toBe(
      "MutationAddGroupMemberSuccess",
    );
    read = await readGroup(group.id, extra[0]!);
    expect(read?.sizeWarning).toBe("Peer groups work best with 3 to 5 teachers; this one has 6. Consider splitting it.");

    const before = await counts();
    const seventh = await app.gql(ADD, { g: group.id, u: fx.people.plcMember.gid }, extra[0]!.token);
    expect(seventh.data?.addGroupMember).toEqual({
      __typename: "RuleViolationError",
      code: "RULE_VIOLATION",
      message: "A peer group has 3 to 6 members; 3 to 5 works best. This one already has 6: start another group instead.",
    });
    const twice = await app.gql(ADD, { g: group.id, u: fx.people.peerMember.gid }, extra[0]!.token);
    expect(twice.data?.addGroupMember).toMatchObject({ code: "CONFLICT", message: "That person is already in the group." });
    expect(await counts()).toEqual(before);
  });

  it("edit its name, focus and cadence; leaders and outsiders may not", async () => {
    const group = succeeded(await startPeerGroup(extra[0]!, [extra[1]!, extra[2]!], "Before")).data;
    const edited = await app.gql(
      UPDATE,
      { input: { groupId: group.id, name: "After", focus: "Exit tickets", meetingCadence: "Every other Monday" } },
      extra[2]!.token,
    );
    expect(succeeded(edited.data?.updateGroup).data).toEqual({ id: group.id, name: "After", focus: "Exit tickets", meetingCadence: "Every other Monday" });
    const byAdmin = await app.gql(UPDATE, { input: { groupId: group.id, name: "Renamed by the principal" } }, fx.people.admin.token);
    expect(byAdmin.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const byOutsider = await app.gql(UPDATE, { input: { groupId: group.id, name: "Renamed by a stranger" } }, fx.people.plcMember.token);
    expect(byOutsider.data?.updateGroup).toEqual({ __typename: "NotFoundError", code: "NOT_FOUND", message: "That group was not found." });
    const invalid = await app.gql(UPDATE, { input: { groupId: group.id, name: " x " } }, extra[0]!.token);
    expect(invalid.data?.updateGroup.__typename).toBe("ValidationError");
    expect((await app.db.prisma.group.findUniqueOrThrow({ where: { id: uuid(group.id) } })).name).toBe("After");
  });

  it("archive it (its work becomes read-only) and bring it back; the admin may do neither", async () => {
    const group = succeeded(await startPeerGroup(extra[0]!, [extra[1]!, extra[2]!], "Seasonal")).data;
    const archived = await app.gql(ARCHIVE, { g: group.id }, extra[1]!.token);
    expect(succeeded(archived.data?.archiveGroup).data.archivedAt).not.toBeNull();
    const read = asNode((await app.gql(GROUP_PERMISSIONS, { id: group.id }, extra[0]!.token)).data?.node, "Group");
    expect(read?.viewerCan).toEqual({ writeContent: false, manage: true, leave: true });
    const editArchived = await app.gql(UPDATE, { input: { groupId: group.id, name: "Changed while archived" } }, extra[0]!.token);
    expect(editArchived.data?.updateGroup).toEqual({ __typename: "RuleViolationError", code: "ARCHIVED", message: "This group is archived." });
    const addArchived = await app.gql(ADD, { g: group.id, u: fx.people.peerMember.gid }, extra[0]!.token);
    expect(failed(addArchived.data?.addGroupMember).code).toBe("ARCHIVED");

    const byAdmin = await app.gql(UNARCHIVE, { g: group.id }, fx.people.admin.token);
    expect(byAdmin.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const back = await app.gql(UNARCHIVE, { g: group.id }, extra[2]!.token);
    expect(succeeded(back.data?.unarchiveGroup).data).toEqual({ id: group.id, archivedAt: null });
    // The older spelling still works for integrators that use it.
    const old = await app.gql(ARCHIVE_FLAG, { g: group.id, archived: false }, extra[2]!.token);
    expect(old.data?.archiveGroup.__typename).toBe("MutationArchiveGroupSuccess");
  });
});

describe("leaving", () => {
  it("is open to anyone in the group; the group goes on with a note, and the leaver no longer sees it", async () => {
    const group = succeeded(await startPeerGroup(extra[0]!, [extra[1]!, extra[2]!], "Three of us")).data;
    const left = await app.gql(LEAVE, { g: group.id }, extra[2]!.token);
    expect(left.data?.leaveGroup).toEqual({ __typename: "MutationLeaveGroupSuccess", data: { groupId: group.id, archived: false } });
    expect((await app.gql(GROUP, { id: group.id }, extra[2]!.token)).data?.node).toBeNull();
    const read = await readGroup(group.id, extra[0]!);
    expect(read?.members.totalCount).toBe(2);
    expect(read?.sizeWarning).toBe("Peer groups work best with 3 to 5 teachers; this one has 2. Add a colleague.");
    // Leaving twice: they are no longer in it, and may no longer know of it.
    const again = await app.gql(LEAVE, { g: group.id }, extra[2]!.token);
    expect(again.data?.leaveGroup).toMatchObject({ __typename: "NotFoundError", message: "That group was not found." });
    // Someone who never was in it (but sees it, as a leader) is told so.
    const byAdmin = await app.gql(LEAVE, { g: group.id }, fx.people.admin.token);
    expect(byAdmin.data?.leaveGroup).toMatchObject({ __typename: "NotFoundError", message: "Your membership of that group was not found." });
  });

  it("by the last member archives a peer group: it stays listed for leaders, with no members and no way in", async () => {
    const group = succeeded(await startPeerGroup(extra[0]!, [extra[1]!, extra[2]!], "Dissolving")).data;
    expect(succeeded((await app.gql(LEAVE, { g: group.id }, extra[1]!.token)).data?.leaveGroup).data.archived).toBe(false);
    expect(succeeded((await app.gql(LEAVE, { g: group.id }, extra[2]!.token)).data?.leaveGroup).data.archived).toBe(false);
    const last = await app.gql(LEAVE, { g: group.id }, extra[0]!.token);
    expect(succeeded(last.data?.leaveGroup).data).toEqual({ groupId: group.id, archived: true });
    const stored = await app.db.prisma.group.findUniqueOrThrow({ where: { id: uuid(group.id) }, include: { members: true } });
    expect(stored.archivedAt).not.toBeNull();
    expect(stored.members).toEqual([]);
    const listed = await app.gql(SCHOOL_PEER_GROUPS, { s: fx.schoolGid }, fx.people.admin.token);
    const seen = asNode(listed.data?.node, "School")?.groups.edges.find((e) => e.node.id === group.id)?.node;
    expect(seen).toMatchObject({ members: { totalCount: 0 }, viewerCan: { readContent: false, manage: false } });
    expect(seen?.archivedAt).not.toBeNull();
  });

  it("a PLC's last member leaving leaves the PLC to its leaders, unarchived", async () => {
    const created = await app.gql(
      CREATE,
      { input: { schoolId: fx.schoolGid, kind: "PLC", name: "Tiny PLC", gradeLevel: "2", members: [{ userId: extra[0]!.gid, role: "FACILITATOR" }] } },
      fx.people.coach.token,
    );
    const id = succeeded(created.data?.createGroup).data.id;
    expect(succeeded((await app.gql(LEAVE, { g: id }, extra[0]!.token)).data?.leaveGroup).data).toEqual({ groupId: id, archived: false });
    expect((await app.gql(GROUP, { id }, fx.people.admin.token)).data?.node).toMatchObject({ archivedAt: null, viewerCan: { manage: true } });
  });
});

describe("a PLC's facilitator", () => {
  it("is named by an admin when the PLC is created, and changed later by its managers", async () => {
    const created = await app.gql(
      CREATE,
      {
        input: {
          schoolId: fx.schoolGid,
          kind: "PLC",
          name: "Grade 3 Team",
          gradeLevel: "3",
          subject: "Literacy",
          members: [{ userId: extra[0]!.gid, role: "FACILITATOR" }, { userId: extra[1]!.gid }],
        },
      },
      fx.people.admin.token,
    );
    const plc = succeeded(created.data?.createGroup).data;
    expect(plc.viewerRole).toBeNull();
    expect(plc.viewerCan).toEqual({ manage: true, leave: false, changeRoles: true });
    const member = (name: string) => plc.members.edges.find((e) => e.node.user.name === name)!.node;
    expect(member(extra[0]!.name).role).toBe("FACILITATOR");

    // A plain member may not hand themselves the role.
    const grab = await app.gql(ROLE, { m: member(extra[1]!.name).id, role: "FACILITATOR" }, extra[1]!.token);
    expect(grab.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await app.db.prisma.groupMember.findUniqueOrThrow({ where: { id: uuid(member(extra[1]!.name).id) } })).role).toBe("MEMBER");

    const promoted = await app.gql(ROLE, { m: member(extra[1]!.name).id, role: "FACILITATOR" }, fx.people.admin.token);
    expect(succeeded(promoted.data?.changeGroupMemberRole).data).toMatchObject({ role: "FACILITATOR", user: { name: extra[1]!.name } });
    const stepDown = await app.gql(ROLE, { m: member(extra[0]!.name).id, role: "MEMBER" }, extra[0]!.token);
    expect(succeeded(stepDown.data?.changeGroupMemberRole).data.role).toBe("MEMBER");
    const read = await readGroup(plc.id, extra[1]!);
    expect(read?.viewerCan).toEqual({ manage: true, leave: true, changeRoles: true });
    expect((await readGroup(plc.id, extra[0]!))?.viewerCan.manage).toBe(false);
  });

  it("does not exist in a peer group: everyone there is an equal", async () => {
    const membership = await app.db.prisma.groupMember.findFirstOrThrow({ where: { groupId: fx.peerGroupId, userId: fx.people.peerMember2.id } });
    const res = await app.gql(ROLE, { m: gid("GroupMember", membership.id), role: "FACILITATOR" }, fx.people.peerMember.token);
    expect(res.data?.changeGroupMemberRole).toEqual({
      __typename: "RuleViolationError",
      code: "RULE_VIOLATION",
      message: "Everyone in a peer group is an equal: a peer group has no facilitator.",
    });
    expect((await app.db.prisma.groupMember.findUniqueOrThrow({ where: { id: membership.id } })).role).toBe("MEMBER");
  });
});

describe("finding colleagues", () => {
  it("School.members(search) matches names in any case, and counts only the matches", async () => {
    const query = SEARCH_MEMBERS;
    const res = await app.gql(query, { s: fx.schoolGid, q: "jONAH" }, fx.people.peerMember.token);
    expect(asNode(res.data?.node, "School")?.members).toEqual({ totalCount: 1, edges: [{ node: { user: { name: "Jonah Price" } } }] });
    // Email addresses are not searched: staff do not see each other's.
    const byEmail = await app.gql(query, { s: fx.schoolGid, q: "@self.test" }, fx.people.peerMember.token);
    expect(asNode(byEmail.data?.node, "School")?.members.totalCount).toBe(0);
    const tooLong = await app.gql(query, { s: fx.schoolGid, q: "x".repeat(101) }, fx.people.peerMember.token);
    expect(tooLong.errors?.[0]?.message).toMatch(/search/);
  });
});

/** The group as someone reads it through node(id:), or null when they may not know of it. */
async function readGroup(id: string, by: Person) {
  return asNode((await app.gql(GROUP, { id }, by.token)).data?.node, "Group");
}

function uuid(globalId: string): string {
  return Buffer.from(globalId, "base64").toString().split(":")[1]!;
}
