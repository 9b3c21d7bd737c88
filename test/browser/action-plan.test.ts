// The action-plan board edited live in two browser contexts (Ana and Chloe, Questioning Circle):
// a status changed and an item added on one board show on the other at once, and reach GraphQL
// (the teacher's own session token) once the server has projected the plan into ActionItem rows.
import { describe, expect, it } from "vitest";
import {
  appPath,
  checkScreen,
  DEMO,
  expectText,
  expectVisible,
  globalIdOf,
  sessionToken,
  UI_TIMEOUT,
  useBrowserSuite,
  type UserPage,
} from "../support/browser.ts";
import { graphql } from "../support/graphql.ts";
import { asNode } from "../support/operations.ts";

const suite = useBrowserSuite();

const PLAN_TITLE = "What we'll try before we meet again";
const ITEM = "Share two 'why' questions that fell flat"; // Ben's, OPEN and overdue in the demo

const GROUP_ITEMS = graphql(`
  query GroupItems($id: ID!) {
    node(id: $id) {
      ... on Group {
        actionItems(first: 100) {
          edges {
            node {
              title
              status
              overdue
            }
          }
        }
      }
    }
  }
`);

async function openBoard(user: UserPage, url: string) {
  await user.page.goto(url);
  await expectVisible(user.page.getByRole("heading", { level: 1, name: PLAN_TITLE }));
  await expectText(user.page.getByRole("status").filter({ hasText: /Live|Connecting|Offline/ }), "Live — changes are saved");
  const board = user.page.getByRole("list", { name: "Open items" });
  await expectVisible(board.getByRole("listitem", { name: new RegExp(escapeRegExp(ITEM)) }));
  return user.page;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("the action-plan board", () => {
  it("a status change and a new item on one board show on the other, and through GraphQL", async () => {
    const plan = await suite.app.db.prisma.document.findFirstOrThrow({ where: { title: PLAN_TITLE }, include: { group: true } });
    const url = appPath.document(plan.id);
    const [ana, chloe] = await Promise.all([suite.signedIn(DEMO.ana), suite.signedIn(DEMO.chloe)]);
    await Promise.all([openBoard(ana, url), openBoard(chloe, url)]);

    // The overdue item says so in words, not only colour.
    const anaCard = ana.page.getByRole("list", { name: "Open items" }).getByRole("listitem", { name: `${ITEM} (overdue)` });
    await expectText(anaCard, "Overdue");

    // Ana marks it done; on Chloe's board it moves from Open to Done.
    await anaCard.getByLabel("Status").selectOption("DONE");
    const chloeDone = chloe.page.getByRole("list", { name: "Done items" });
    await expectVisible(chloeDone.getByRole("listitem", { name: new RegExp(escapeRegExp(ITEM)) }));
    expect(
      await chloe.page
        .getByRole("list", { name: "Open items" })
        .getByRole("listitem", { name: new RegExp(escapeRegExp(ITEM)) })
        .count(),
    ).toBe(0);

    // Chloe adds an item; it appears on Ana's board under Open.
    const nonce = Math.random().toString(36).slice(2, 8);
    const newItem = `Bring one student question to the next meeting ${nonce}`;
    const addForm = chloe.page.getByRole("form", { name: "Add an action item" });
    await addForm.getByLabel("New item").fill(newItem);
    await addForm.getByRole("button", { name: "Add item" }).click();
    await expectVisible(ana.page.getByRole("list", { name: "Open items" }).getByRole("listitem", { name: new RegExp(escapeRegExp(newItem)) }));
    await checkScreen(ana.page, "action-plan board after live changes (Ana's screen)");

    // GraphQL, with Chloe's own session token: the projection catches up with both changes.
    const token = await sessionToken(chloe.page);
    expect(token).toBeTruthy();
    const groupId = globalIdOf("Group", plan.groupId);
    const itemsByTitle = async () => {
      const result = await suite.app.gql(GROUP_ITEMS, { id: groupId }, token);
      const edges = asNode(result.data?.node, "Group")?.actionItems.edges ?? [];
      return Object.fromEntries(edges.map(({ node }) => [node.title, node.status]));
    };
    await expect.poll(itemsByTitle, { timeout: UI_TIMEOUT }).toMatchObject({ [ITEM]: "DONE", [newItem]: "OPEN" });
  });
});
