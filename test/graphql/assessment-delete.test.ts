// A PLC facilitator deletes a wrongly uploaded assessment with its results (issue 12, item 5):
// a member who recorded data, a leader who reads its summary, and a facilitator of an archived
// PLC are refused and nothing goes; viewerCanDelete says beforehand who may.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { graphql } from "../support/graphql.ts";
import { asNode, failed, MutationError, succeeded } from "../support/operations.ts";
import { buildSchoolFixture, gid, type SchoolFixture } from "../support/school-fixture.ts";

let app: TestApp;
let fx: SchoolFixture;

beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "asmtdel");
});
afterAll(() => app?.close());

const DELETE = graphql(
  `
  mutation AssessmentDelete($id: ID!) {
    deleteAssessment(assessmentId: $id) {
      __typename
      ... on MutationDeleteAssessmentSuccess {
        data
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const CAN_DELETE = graphql(`
  query AssessmentCanDelete($id: ID!) {
    node(id: $id) {
      ... on Assessment {
        id
        viewerCanDelete
      }
    }
  }
`);

async function upload() {
  const a = await app.make.assessment({
    groupId: fx.plcGroupId,
    title: "Wrong file",
    results: { create: [1, 2, 3].map((i) => ({ studentRef: `S-${i}`, score: 60, proficiency: "APPROACHING" as const })) },
  });
  return { id: a.id, gid: gid("Assessment", a.id) };
}
const remaining = (id: string) =>
  Promise.all([app.db.prisma.assessment.count({ where: { id } }), app.db.prisma.assessmentResult.count({ where: { assessmentId: id } })]);

it("says who may delete, and deletes the assessment with its results for the facilitator", async () => {
  const a = await upload();
  const canDelete = async (token: string) => asNode((await app.gql(CAN_DELETE, { id: a.gid }, token)).data?.node, "Assessment")?.viewerCanDelete;
  expect({
    plcFacilitator: await canDelete(fx.people.plcFacilitator.token),
    plcMember: await canDelete(fx.people.plcMember.token),
    coach: await canDelete(fx.people.coach.token),
  }).toEqual({ plcFacilitator: true, plcMember: false, coach: false });

  expect(succeeded((await app.gql(DELETE, { id: a.gid }, fx.people.plcFacilitator.token)).data?.deleteAssessment).data).toBe(true);
  expect(await remaining(a.id)).toEqual([0, 0]);
  // Gone means gone: a second try finds nothing.
  expect(failed((await app.gql(DELETE, { id: a.gid }, fx.people.plcFacilitator.token)).data?.deleteAssessment)).toMatchObject({ code: "NOT_FOUND" });
});

it("refuses a member, a leader and a stranger, and deletes nothing", async () => {
  const a = await upload();
  expect((await app.gql(DELETE, { id: a.gid }, fx.people.plcMember.token)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  expect((await app.gql(DELETE, { id: a.gid }, fx.people.admin.token)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  // Someone who may not know the assessment exists hears what an unknown id gets.
  const stranger = failed((await app.gql(DELETE, { id: a.gid }, fx.people.peerMember.token)).data?.deleteAssessment);
  const unknown = failed(
    (await app.gql(DELETE, { id: gid("Assessment", "00000000-0000-4000-8000-000000000000") }, fx.people.peerMember.token)).data?.deleteAssessment,
  );
  expect(stranger).toEqual(unknown);
  expect(await remaining(a.id)).toEqual([1, 3]);
});

it("refuses in an archived PLC", async () => {
  const a = await upload();
  await app.db.prisma.group.update({ where: { id: fx.plcGroupId }, data: { archivedAt: new Date() } });
  try {
    expect(failed((await app.gql(DELETE, { id: a.gid }, fx.people.plcFacilitator.token)).data?.deleteAssessment)).toMatchObject({ code: "ARCHIVED" });
    expect(await remaining(a.id)).toEqual([1, 3]);
  } finally {
    await app.db.prisma.group.update({ where: { id: fx.plcGroupId }, data: { archivedAt: null } });
  }
});
