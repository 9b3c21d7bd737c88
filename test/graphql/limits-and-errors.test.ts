// Query limits, body limits, bad ids, wrong types, oversized input and masked internal errors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { buildSchoolFixture, gid, type SchoolFixture } from "../support/school-fixture.ts";
import { graphql } from "../support/graphql.ts";

const MY_GROUP_NAMES = graphql(`
  query ShallowGroups {
    myGroups {
      edges {
        node {
          name
        }
      }
    }
  }
`);
const NODE_ID = graphql(`
  query NodeId($id: ID!) {
    node(id: $id) {
      id
    }
  }
`);
const ARCHIVE_GROUP = graphql(`
  mutation ArchiveGroup($id: ID!) {
    archiveGroup(groupId: $id) {
      __typename
    }
  }
`);
const CREATE_GROUP = graphql(`
  mutation CreateGroup($input: CreateGroupInput!) {
    createGroup(input: $input) {
      __typename
      ... on ValidationError {
        code
        issues {
          path
          message
        }
      }
    }
  }
`);
const SCHOOL_NAMES = graphql(`
  query SchoolNames {
    mySchools {
      edges {
        node {
          name
        }
      }
    }
  }
`);

let app: TestApp;
let fx: SchoolFixture;
beforeAll(async () => {
  app = await startTestApp({ limits: { maxDepth: 6, maxCost: 150, maxAliases: 4, maxBodyBytes: 4096 } });
  fx = await buildSchoolFixture(app.db.prisma);
});
afterAll(() => app?.close());

const token = () => fx.people.peerMember.token;

describe("query limits (configurable)", () => {
  it("refuses a query deeper than MAX_QUERY_DEPTH before running it", async () => {
    // Raw: deliberately deeper than the limit.
    const deep = `{ myGroups { edges { node { members { edges { node { user { name } } } } } } } }`;
    const res = await app.gql(deep, {}, token());
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0]?.message).toMatch(/depth/i);
    const shallow = await app.gql(MY_GROUP_NAMES, {}, token());
    expect(shallow.errors).toBeUndefined();
    expect(shallow.data?.myGroups.edges).toHaveLength(1);
  });

  it("refuses more aliases than MAX_ALIASES", async () => {
    // Raw: built at run time, with more aliases than the limit.
    const aliases = Array.from({ length: 6 }, (_, i) => `v${i}: viewer { name }`).join(" ");
    const res = await app.gql(`{ ${aliases} }`, {}, token());
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0]?.message).toMatch(/alias/i);
  });

  it("refuses a query costlier than MAX_QUERY_COST", async () => {
    // mySchools asks for one school: a connection without first/last costs its default page (20).
    // Raw: deliberately costlier than the limit, and rewritten below for a smaller page.
    const costly = `{ viewer { id name email } mySchools(first: 1) { edges { node { id name slug viewerRole } } }
      myGroups(first: 100) { totalCount edges { node { id name kind focus meetingCadence sizeWarning createdAt archivedAt gradeLevel subject } } } }`;
    const res = await app.gql(costly, {}, token());
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0]?.message).toMatch(/cost/i);
    // The same fields for a page of 5 groups are affordable: cost follows the page size asked for.
    const affordable = await app.gql(costly.replace("first: 100", "first: 5"), {}, token());
    expect(affordable.errors).toBeUndefined();
  });

  it("refuses a request body over MAX_BODY_BYTES with 413, over real HTTP", async () => {
    // Raw: a hand-made body, deliberately oversized.
    const body = JSON.stringify({ query: `{ viewer { name } }`, variables: { padding: "x".repeat(5000) } });
    const res = await fetch(`${app.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(res.status).toBe(413);
    expect((await res.json()).errors[0].extensions.code).toBe("PAYLOAD_TOO_LARGE");
  });
});

describe("bad input gets a clear error and writes nothing", () => {
  it("a malformed id is BAD_USER_INPUT, not a database error", async () => {
    for (const id of ["garbage", gid("Group", "not-a-uuid"), "R3JvdXA6"]) {
      const res = await app.gql(NODE_ID, { id }, token());
      expect(res.errors?.[0]?.extensions?.code, id).toBe("BAD_USER_INPUT");
      expect(res.errors?.[0]?.message).toMatch(/not a Staffroom id/);
    }
  });

  it("a well-formed id of a row that does not exist is a null node, not an error", async () => {
    const res = await app.gql(NODE_ID, { id: gid("Group", "00000000-0000-4000-8000-000000000000") }, token());
    expect(res.errors).toBeUndefined();
    expect(res.data?.node).toBeNull();
  });

  it("an id of the wrong type is refused in mutations, and nothing changes", async () => {
    const before = await app.db.prisma.group.findUniqueOrThrow({ where: { id: fx.peerGroupId } });
    const res = await app.gql(ARCHIVE_GROUP, { id: gid("School", fx.schoolId) }, token());
    expect(res.errors?.[0]).toBeDefined();
    expect(await app.db.prisma.group.findUniqueOrThrow({ where: { id: fx.peerGroupId } })).toEqual(before);
  });

  it("wrong types fail validation before anything runs", async () => {
    // Raw: deliberately wrong argument types, which a typed document cannot say.
    const res = await app.gql(`mutation { signIn(input: { email: 5, password: true }) { __typename } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("oversized text is a typed ValidationError with the field's path, and nothing is written", async () => {
    const before = await app.db.prisma.group.count();
    const res = await app.gql(
      CREATE_GROUP,
      { input: { schoolId: fx.schoolGid, kind: "PEER", name: "x".repeat(500), members: [{ userId: fx.people.peerMember2.gid }] } },
      token(),
    );
    const payload = res.data?.createGroup;
    expect(payload?.__typename).toBe("ValidationError");
    const invalid = payload?.__typename === "ValidationError" ? payload : undefined;
    expect(invalid?.code).toBe("VALIDATION_FAILED");
    expect(invalid?.issues.map((i) => i.path)).toContain("input.name");
    expect(await app.db.prisma.group.count()).toBe(before);
  });
});

describe("unexpected errors are masked", () => {
  it("a database failure reaches the client as a generic error with no internals", async () => {
    await app.db.prisma.$executeRawUnsafe(`ALTER TABLE "School" RENAME TO "School_hidden"`);
    try {
      const res = await app.gql(SCHOOL_NAMES, {}, token());
      expect(res.errors?.[0]?.message).toBe("Unexpected error.");
      expect(JSON.stringify(res)).not.toMatch(/School_hidden|relation|prisma/i);
    } finally {
      await app.db.prisma.$executeRawUnsafe(`ALTER TABLE "School_hidden" RENAME TO "School"`);
    }
  });
});
