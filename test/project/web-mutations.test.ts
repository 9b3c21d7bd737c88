// Every mutation is something people do in the web app, or on the integrator-only list with the
// reason a browser never needs it. A new mutation must take a side, and a mutation the web app
// starts using must leave the list, so the list stays true. (Nothing is "not in the browser yet":
// a capability is done when people and integrators both have it.)
import { Kind } from "graphql";
import { describe, expect, it } from "vitest";
import { schema } from "@staffroom/api/schema";
import { webOperations } from "../support/web-operations.ts";

/** Mutations a browser never needs, and why. */
const INTEGRATOR_ONLY: Record<string, string> = {
  removeSchoolMember:
    "the People page deactivates instead, which can be undone and keeps the person's groups; removal for good is for roster systems taking leavers off",
  addSchoolMember:
    "the web app invites people instead (inviteStaff, importRoster), so each chooses their own password; adding an existing account directly is for roster systems",
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

  it("is used by the web app, or integrator-only with a reason", () => {
    const unplaced = all.filter((name) => !used.has(name) && !(name in INTEGRATOR_ONLY));
    expect(unplaced).toEqual([]);
  });

  it("lists nothing the web app already uses, and nothing the schema lacks", () => {
    const listed = Object.keys(INTEGRATOR_ONLY);
    expect(listed.filter((name) => used.has(name))).toEqual([]);
    expect(listed.filter((name) => !all.includes(name))).toEqual([]);
  });
});
