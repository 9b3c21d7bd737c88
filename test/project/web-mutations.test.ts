// Every mutation is either something people do in the web app, or on one of two lists: the
// integrator-only ones (with the reason a browser never needs them), and the ones the browser
// does not offer yet (with the issue that builds their screens). A new mutation must take a side,
// and a mutation the web app starts using must leave its list, so the lists stay true.
import { Kind } from "graphql";
import { describe, expect, it } from "vitest";
import { schema } from "@staffroom/api/schema";
import { webOperations } from "../support/web-operations.ts";

/** Mutations a browser never needs, and why. */
const INTEGRATOR_ONLY: Record<string, string> = {
  updateActionItem: "the action-plan board changes an item in the live document itself; this is for integrators who do not speak Yjs",
  deleteActionItem: "the action-plan board removes an item in the live document itself; this is for integrators who do not speak Yjs",
  removeSchoolMember:
    "the People page deactivates instead, which can be undone and keeps the person's groups; removal for good is for roster systems taking leavers off",
  addSchoolMember:
    "the web app invites people instead (inviteStaff, importRoster), so each chooses their own password; adding an existing account directly is for roster systems",
};

/** Mutations people should have in the browser, not built there yet: the issue that builds them. */
const NOT_YET_IN_THE_BROWSER: Record<string, "issue 11 (school set-up)" | "issue 12 (the work of groups and coaches)"> = {
  addGoalCheckIn: "issue 12 (the work of groups and coaches)",
  startCoachingCycle: "issue 12 (the work of groups and coaches)",
  advanceCoachingCycle: "issue 12 (the work of groups and coaches)",
  updateCoachingCycle: "issue 12 (the work of groups and coaches)",
  addCoachingNote: "issue 12 (the work of groups and coaches)",
  shareInsight: "issue 12 (the work of groups and coaches)",
  shareDocumentWithCoaches: "issue 12 (the work of groups and coaches)",
  renameDocument: "issue 12 (the work of groups and coaches)",
  deleteDocument: "issue 12 (the work of groups and coaches)",
};

function mutationsTheWebAppUses(): Set<string> {
  const used = new Set<string>();
  for (const { operation } of webOperations()) {
    if (operation.operation !== "mutation") continue;
    for (const selection of operation.selectionSet.selections) if (selection.kind === Kind.FIELD) used.add(selection.name.value);
  }
  return used;
}

describe("every mutation has its place", () => {
  const all = Object.keys(schema.getMutationType()!.getFields()).sort();
  const used = mutationsTheWebAppUses();

  it("reads the web app's mutations (the check is not vacuous)", () => {
    expect(used.size).toBeGreaterThan(10);
    for (const name of used) expect(all).toContain(name);
  });

  it("is used by the web app, integrator-only with a reason, or listed with the issue that brings it to the browser", () => {
    const unplaced = all.filter((name) => !used.has(name) && !(name in INTEGRATOR_ONLY) && !(name in NOT_YET_IN_THE_BROWSER));
    expect(unplaced).toEqual([]);
  });

  it("lists nothing the web app already uses, and nothing the schema lacks", () => {
    const listed = [...Object.keys(INTEGRATOR_ONLY), ...Object.keys(NOT_YET_IN_THE_BROWSER)];
    expect(listed.filter((name) => used.has(name))).toEqual([]);
    expect(listed.filter((name) => !all.includes(name))).toEqual([]);
  });
});
