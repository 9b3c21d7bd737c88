// The admin console's API tokens section, from an empty database: a new school's admin creates a
// token (name, one scope, 30 days), copies the secret with the page's button, and the copied
// secret works from a script against /graphql, within its scope only; the list shows it (prefix,
// scope, last used); revoked after a confirmation, it gets 401. The secret is never on the page
// again. A teacher who opens the page is told who sets tokens up. Desktop and 390 px phone.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectText, expectVisible, globalIdOf, saveScreenshot, signIn, useBrowserSuite } from "../support/browser.ts";
import { createSchoolWithStaff, STAFF_PASSWORD, type StaffMember } from "../support/new-school.ts";
import { graphql } from "../support/graphql.ts";
import { type GqlResult, queryText, type TypedDocument } from "../support/graphql-http.ts";
import { Viewer } from "../support/operations.ts";

const GROUP_NAME = graphql(`
  query TokenGroupName($id: ID!) {
    node(id: $id) {
      ... on Group {
        name
      }
    }
  }
`);
const SCHOOL_STAFF_COUNT = graphql(`
  query TokenSchoolStaffCount($id: ID!) {
    node(id: $id) {
      ... on School {
        name
        members {
          totalCount
        }
      }
    }
  }
`);
const ARCHIVE_GROUP = graphql(`
  mutation TokenArchiveGroup($id: ID!) {
    archiveGroup(groupId: $id) {
      __typename
    }
  }
`);

const suite = useBrowserSuite({ seedDemo: false });
const PHONE = { width: 390, height: 844 };

type Key = "noor" | "tomas";
let school: { schoolId: string; groupId: string; people: Record<Key, StaffMember> } | undefined;

async function theSchool() {
  if (school) return school;
  const prisma = suite.app.db.prisma;
  const made = await createSchoolWithStaff<Key>(
    prisma,
    { name: "Riverside Elementary", slug: "riverside" },
    { noor: { name: "Noor Hassan", role: "ADMIN" }, tomas: { name: "Tomas Berg", role: "TEACHER" } },
  );
  // A PLC the admin belongs to: something a GROUPS_READ token may read.
  const group = await prisma.group.create({
    data: { schoolId: made.schoolId, kind: "PLC", name: "Grade 2 Team", members: { create: [{ userId: made.people.noor.id, role: "FACILITATOR" }] } },
  });
  school = { ...made, groupId: group.id };
  return school;
}

async function signedIn(person: StaffMember, viewport?: { width: number; height: number }) {
  const user = await suite.newUser(person.name, viewport ? { viewport } : {});
  await signIn(user.page, person.email, STAFF_PASSWORD);
  return user;
}

/** A script on the page calling /graphql with the token, as an integrator's would. */
async function callWith<Result, Variables>(page: Page, token: string, document: TypedDocument<Result, Variables>, variables: Variables) {
  const call = `fetch("/graphql", { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer " + ${JSON.stringify(token)} },
    body: JSON.stringify({ query: ${JSON.stringify(queryText(document))}, variables: ${JSON.stringify(variables)} }) })
    .then(async (response) => ({ status: response.status, body: await response.json().catch(() => null) }))`;
  return page.evaluate<{ status: number; body: Omit<GqlResult<Result>, "status"> }>(call);
}

describe("the API tokens section of the school console", () => {
  it("an admin creates a token, copies it, uses it within its scope, and revokes it", async () => {
    const { schoolId, groupId, people } = await theSchool();
    const { page, context } = await signedIn(people.noor);
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: suite.app.url });
    await page.goto("/school/tokens");
    await expectVisible(page.getByRole("heading", { level: 2, name: "API tokens" }));
    const yours = page.getByRole("region", { name: "Your tokens" });
    await expectText(yours, "You have no API tokens for this school yet.");
    await expectText(page.locator("main"), "This page lists your own tokens");

    // An empty form: a sentence next to each field, nothing created.
    const form = page.getByRole("region", { name: "Create a token" });
    await form.getByRole("button", { name: "Create token" }).click();
    await expectText(form, "Give the token a name that says what it is for.");
    await expectText(form, "Choose at least one scope.");
    expect(await suite.app.db.prisma.apiToken.count()).toBe(0);

    // By keyboard: type the name, Space ticks a scope, arrows pick the expiry, Enter submits.
    await form.getByLabel("Name").focus();
    await page.keyboard.type("District dashboard");
    // Each scope's label is the api's own sentence (README's table).
    const groupsRead = form.getByLabel("Read groups, their members (who, and their role) and meeting cadence.");
    await groupsRead.focus();
    await page.keyboard.press("Space");
    expect(await groupsRead.isChecked()).toBe(true);
    await form.getByLabel("In 90 days").focus();
    await page.keyboard.press("ArrowUp");
    expect(await form.getByLabel("In 30 days").isChecked()).toBe(true);
    await saveScreenshot(page, "api-tokens — desktop, filling the form");
    await form.getByLabel("Name").focus();
    await page.keyboard.press("Enter");

    // The secret, once, with a copy button.
    await expectVisible(form.getByRole("heading", { name: "Copy your new token now" }));
    await expectText(form, "It will not be shown again.");
    await form.getByRole("button", { name: "Copy", exact: true }).click();
    await expectText(form.getByRole("status"), "Copied to the clipboard.");
    const secret = await page.evaluate<string>(`navigator.clipboard.readText()`);
    expect(secret).toMatch(/^sra_/);
    expect(await form.getByLabel("Token “District dashboard”").inputValue()).toBe(secret);
    const stored = await suite.app.db.prisma.apiToken.findFirstOrThrow({ where: { name: "District dashboard" } });
    expect(stored).toMatchObject({ schoolId, userId: people.noor.id, scopes: ["GROUPS_READ"], revokedAt: null });
    const days = (stored.expiresAt!.getTime() - stored.createdAt.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(30);
    await saveScreenshot(page, "api-tokens — desktop, the secret shown once");

    // It works, as Noor, within GROUPS_READ only.
    const group = await callWith(page, secret, GROUP_NAME, { id: globalIdOf("Group", groupId) });
    expect(group).toEqual({ status: 200, body: { data: { node: { name: "Grade 2 Team" } } } });
    // Any token reads its school's name; the staff list takes SCHOOL_READ, which was not given.
    const schoolRead = await callWith(page, secret, SCHOOL_STAFF_COUNT, {
      id: globalIdOf("School", schoolId),
    });
    expect(schoolRead.body.data?.node).toEqual({ name: "Riverside Elementary", members: { totalCount: 0 } });
    const write = await callWith(page, secret, ARCHIVE_GROUP, { id: globalIdOf("Group", groupId) });
    expect(write.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN"); // nor GROUPS_WRITE
    expect((await suite.app.db.prisma.group.findUniqueOrThrow({ where: { id: groupId } })).archivedAt).toBeNull();

    // Once stored, the secret leaves the page for good; the list shows what identifies the token.
    await form.getByRole("button", { name: "I have stored it" }).click();
    await page.reload();
    const card = yours.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "District dashboard" }) });
    await expectText(card, "Active");
    await expectText(card, stored.prefix);
    await expectText(card, "GROUPS_READ");
    expect(await card.innerText()).not.toContain("Never used"); // the calls above used it
    expect(await page.locator("body").innerText()).not.toContain(secret);
    expect(secret.startsWith(stored.prefix)).toBe(true);
    await saveScreenshot(page, "api-tokens — desktop, the list");

    // Revoke, after a confirmation: the secret stops working at once.
    await card.getByRole("button", { name: "Revoke “District dashboard”" }).click();
    const confirm = page.getByRole("dialog", { name: "Revoke “District dashboard”?" });
    await expectText(confirm, "stops working at once");
    await confirm.getByRole("button", { name: "Revoke token" }).click();
    await expectText(page.getByRole("status").filter({ hasText: "revoked" }), "“District dashboard” is revoked");
    await expectText(card, "Revoked");
    expect(await card.getByRole("button").count()).toBe(0);
    // From outside the browser (a 401 in the page would be logged as a console error).
    const after = await fetch(`${suite.app.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
      body: JSON.stringify({ query: queryText(Viewer) }),
    });
    expect(after.status).toBe(401);
  });

  it("works at 390 px wide, with nothing wider than the screen", async () => {
    const { people } = await theSchool();
    const { page } = await signedIn(people.noor, PHONE);
    await page.goto("/school/tokens");
    await expectVisible(page.getByLabel("Read groups, their members (who, and their role) and meeting cadence."));
    expect(await page.evaluate(`document.documentElement.scrollWidth`)).toBeLessThanOrEqual(PHONE.width);
    await saveScreenshot(page, "api-tokens — phone 390");
    const form = page.getByRole("region", { name: "Create a token" });
    await form.getByLabel("Name").fill("Phone check");
    await form.getByLabel("Read goals and check-ins.").check();
    await form.getByLabel("On a date I choose").check();
    await form.getByLabel("Expiry date").fill("2020-01-01");
    await form.getByRole("button", { name: "Create token" }).click();
    await expectText(form, "Choose a day after today.");
    await form.getByLabel("Expiry date").fill(`${new Date().getFullYear() + 1}-06-30`);
    await form.getByRole("button", { name: "Create token" }).click();
    await expectVisible(form.getByRole("heading", { name: "Copy your new token now" }));
    expect(await page.evaluate(`document.documentElement.scrollWidth`)).toBeLessThanOrEqual(PHONE.width);
    await saveScreenshot(page, "api-tokens — phone 390, the secret shown once");
  });

  it("a teacher who opens it is told that admins set tokens up", async () => {
    const { people } = await theSchool();
    const { page } = await signedIn(people.tomas);
    await page.goto("/school/tokens");
    await expectText(page.locator("main"), "The school console is for the school's admins.");
    expect(await page.locator("main").innerText()).not.toContain("District dashboard");
  });
});
