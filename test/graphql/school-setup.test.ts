// A new school, from nothing: sign up (through the emailed link), create the school with its time
// zone, grade levels and subjects, and become its admin in the same response; then change its
// settings. Bad input is a ValidationError per field and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { graphql } from "../support/graphql.ts";
import { succeeded } from "../support/operations.ts";
import { startMailbox, type Mailbox } from "../support/smtp.ts";
import { signUpThroughEmail } from "../support/sign-up.ts";

const CREATE = graphql(`
  mutation SchoolCreate($input: CreateSchoolInput!) {
    createSchool(input: $input) {
      __typename
      ... on MutationCreateSchoolSuccess {
        data { id name slug timeZone gradeLevels subjects viewerRole members { totalCount edges { node { role user { name } } } } }
      }
      ... on BaseError { code message }
      ... on ValidationError { issues { path message } }
    }
  }
`);
const UPDATE = graphql(`
  mutation SchoolUpdate($input: UpdateSchoolInput!) {
    updateSchool(input: $input) {
      __typename
      ... on MutationUpdateSchoolSuccess { data { id name timeZone gradeLevels subjects } }
      ... on BaseError { code message }
      ... on ValidationError { issues { path message } }
    }
  }
`);
const MY_SCHOOL_IDS = graphql(`
  query MySchoolIds {
    mySchools { edges { node { id } } }
  }
`);
const MY_SCHOOL_ROLES = graphql(`
  query MySchoolRoles {
    mySchools { edges { node { id viewerRole } } }
  }
`);

/** A payload read as its ValidationError (only a type: the test's assertions check it). */
function validation<P extends { __typename: string }>(payload: P | null | undefined) {
  return payload as Extract<P, { __typename: "ValidationError" }>;
}

let mailbox: Mailbox;
let app: TestApp;
let founder: string;
beforeAll(async () => {
  mailbox = await startMailbox();
  app = await startTestApp({ mail: { smtpUrl: mailbox.url, from: "Staffroom <staffroom@school.test>" } });
  founder = await signUpThroughEmail(app, mailbox, { email: "principal@maple.test", password: "a long passphrase", name: "Priya Natarajan" });
});
afterAll(async () => {
  await app?.close();
  await mailbox?.close();
});

const schoolCount = () => app.db.prisma.school.count();

describe("creating a school", () => {
  let schoolId: string;

  it("makes the signed-up person its admin, and returns the school with its settings in the same response", async () => {
    expect((await app.gql(MY_SCHOOL_IDS, {}, founder)).data!.mySchools.edges).toEqual([]);
    const res = await app.gql(
      CREATE,
      {
        input: {
          name: "  Maple Grove Elementary ",
          timeZone: "america/chicago",
          gradeLevels: ["K", "Grade 1", " Grade 2 ", "grade 1", ""],
          subjects: ["Math", "Reading", "Science"],
        },
      },
      founder,
    );
    const school = succeeded(res.data!.createSchool).data;
    expect(res.data!.createSchool.__typename).toBe("MutationCreateSchoolSuccess");
    expect(school).toMatchObject({
      name: "Maple Grove Elementary",
      slug: "maple-grove-elementary",
      // The canonical name, however it was typed; lists trimmed, blanks and repeats dropped.
      timeZone: "America/Chicago",
      gradeLevels: ["K", "Grade 1", "Grade 2"],
      subjects: ["Math", "Reading", "Science"],
      viewerRole: "ADMIN",
      members: { totalCount: 1, edges: [{ node: { role: "ADMIN", user: { name: "Priya Natarajan" } } }] },
    });
    schoolId = school.id;
    const mine = await app.gql(MY_SCHOOL_ROLES, {}, founder);
    expect(mine.data!.mySchools.edges).toEqual([{ node: { id: schoolId, viewerRole: "ADMIN" } }]);
  });

  it("gives a second school of the same name the next free address, and defaults to UTC with no grades or subjects", async () => {
    const res = await app.gql(CREATE, { input: { name: "Maple Grove Elementary" } }, founder);
    expect(succeeded(res.data!.createSchool).data).toMatchObject({ slug: "maple-grove-elementary-2", timeZone: "UTC", gradeLevels: [], subjects: [] });
    const taken = await app.gql(CREATE, { input: { name: "Elsewhere", slug: "maple-grove-elementary" } }, founder);
    expect(taken.data!.createSchool).toMatchObject({ __typename: "ConflictError", code: "CONFLICT" });
  });

  it("refuses bad settings field by field, and writes nothing", async () => {
    const before = await schoolCount();
    const res = await app.gql(
      CREATE,
      {
        input: {
          name: "M",
          timeZone: "Mars/Olympus_Mons",
          gradeLevels: Array.from({ length: 21 }, (_, i) => `Grade ${i}`),
          subjects: ["x".repeat(61)],
        },
      },
      founder,
    );
    expect(res.data!.createSchool.__typename).toBe("ValidationError");
    expect(validation(res.data!.createSchool).issues).toEqual(
      expect.arrayContaining([
        { path: "input.name", message: "must be at least 2 characters" },
        { path: "input.timeZone", message: "must be a time zone such as America/Chicago" },
        { path: "input.gradeLevels", message: "must be at most 20 grade levels" },
        { path: "input.subjects.0", message: "each of the subjects must be at most 60 characters" },
      ]),
    );
    expect(await schoolCount()).toBe(before);
  });

  it("needs a real sign-in", async () => {
    const anonymous = await app.gql(CREATE, { input: { name: "Nobody's school" } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(await app.db.prisma.school.count({ where: { name: "Nobody's school" } })).toBe(0);
  });

  describe("changing its settings", () => {
    it("changes only what is given", async () => {
      const res = await app.gql(UPDATE, { input: { schoolId, name: "Maple Grove School", subjects: ["Math", "Art"] } }, founder);
      expect(res.data!.updateSchool).toEqual({
        __typename: "MutationUpdateSchoolSuccess",
        data: { id: schoolId, name: "Maple Grove School", timeZone: "America/Chicago", gradeLevels: ["K", "Grade 1", "Grade 2"], subjects: ["Math", "Art"] },
      });
      const cleared = await app.gql(UPDATE, { input: { schoolId, gradeLevels: [], timeZone: "Europe/Paris" } }, founder);
      expect(succeeded(cleared.data!.updateSchool).data).toMatchObject({ name: "Maple Grove School", timeZone: "Europe/Paris", gradeLevels: [] });
    });

    it("refuses bad settings and writes nothing", async () => {
      const before = await app.db.prisma.school.findUniqueOrThrow({ where: { id: Buffer.from(schoolId, "base64").toString().split(":")[1]! } });
      const res = await app.gql(UPDATE, { input: { schoolId, name: " ", timeZone: "Nowhere" } }, founder);
      expect(res.data!.updateSchool.__typename).toBe("ValidationError");
      expect(
        validation(res.data!.updateSchool)
          .issues.map((i) => i.path)
          .sort(),
      ).toEqual(["input.name", "input.timeZone"]);
      expect(await app.db.prisma.school.findUniqueOrThrow({ where: { id: before.id } })).toEqual(before);
    });
  });
});
