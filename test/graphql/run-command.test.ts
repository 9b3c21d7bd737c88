// runCommand, the one way a command writes: its transaction, the activity it records (written in
// the transaction, published only after the commit), and the access it takes away (re-checked
// after the commit and before the command returns, and before its activity is published).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "@staffroom/api/testing";
import type { ActivityMessage } from "@staffroom/api/testing";
import type { AccessChanged } from "@staffroom/api/testing";
import { startTestApp, type TestApp } from "../support/app.ts";
import { buildSchoolFixture, type SchoolFixture } from "../support/school-fixture.ts";

let app: TestApp;
let fx: SchoolFixture;
const heard: ActivityMessage[] = [];
/** What happened, in order, as the bus and the access guards saw it. */
const timeline: string[] = [];
let stopGuard: () => Promise<void>;

beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma);
  const activity = app.services.events.subscribe("activity");
  void (async () => {
    for await (const message of activity) {
      heard.push(message);
      timeline.push(`published ${message.subjectId}`);
    }
  })();
  stopGuard = app.services.events.onAccessChanged(async (change: AccessChanged) => {
    // The guard runs after the commit: what the command wrote is already visible to others.
    const visible = await app.db.prisma.groupMember.count({ where: { groupId: change.groupIds?.[0], userId: change.userIds?.[0] } });
    timeline.push(`access re-checked, membership rows: ${visible}`);
  });
});
afterAll(async () => {
  await stopGuard();
  await app?.close();
});

const deps = () => ({ prisma: app.db.prisma, services: app.services });

function memberLeft(userId: string) {
  return { schoolId: fx.schoolId, groupId: fx.peerGroupId, actorId: userId, type: "MEMBER_LEFT" as const, subjectId: userId };
}

async function waitFor(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe("runCommand", () => {
  it("writes the activity in the transaction, re-checks access after the commit, and publishes last", async () => {
    timeline.length = 0;
    const leaving = fx.people.peerMember3.id;
    const result = await runCommand(deps(), async ({ tx, record, accessChanged }) => {
      await tx.groupMember.delete({ where: { groupId_userId: { groupId: fx.peerGroupId, userId: leaving } } });
      await record(memberLeft(leaving));
      accessChanged({ userIds: [leaving], groupIds: [fx.peerGroupId] });
      timeline.push("transaction body done");
      return "left";
    });
    timeline.push("command returned");
    expect(result).toBe("left");
    await waitFor(() => timeline.includes(`published ${leaving}`));
    // The access guard saw the committed state (0 rows) and finished before the command returned;
    // the activity went out after both.
    expect(timeline).toEqual(["transaction body done", "access re-checked, membership rows: 0", "command returned", `published ${leaving}`]);
    const stored = await app.db.prisma.activityEvent.findMany({ where: { subjectId: leaving, type: "MEMBER_LEFT" } });
    expect(stored).toHaveLength(1);
    expect(heard.find((m) => m.subjectId === leaving)?.id).toBe(stored[0]!.id);
  });

  it("rolls back the activity with the change when the body throws, and publishes nothing", async () => {
    timeline.length = 0;
    const staying = fx.people.peerMember2.id;
    const before = await app.db.prisma.activityEvent.count();
    await expect(
      runCommand(deps(), async ({ tx, record, accessChanged }) => {
        await tx.groupMember.delete({ where: { groupId_userId: { groupId: fx.peerGroupId, userId: staying } } });
        await record(memberLeft(staying));
        accessChanged({ userIds: [staying], groupIds: [fx.peerGroupId] });
        throw new Error("the command changed its mind");
      }),
    ).rejects.toThrow("the command changed its mind");
    expect(await app.db.prisma.activityEvent.count()).toBe(before);
    expect(await app.db.prisma.groupMember.count({ where: { groupId: fx.peerGroupId, userId: staying } })).toBe(1);
    // A later command's event arrives; nothing of the rolled-back one came before it.
    const marker = fx.people.peerMember.id;
    await runCommand(deps(), ({ record }) => record({ ...memberLeft(marker), type: "MEMBER_JOINED" }));
    await waitFor(() => timeline.includes(`published ${marker}`));
    expect(timeline).toEqual([`published ${marker}`]);
  });
});
