// The axe check every browser test relies on (support/accessibility.ts) runs axe-core in the page
// itself when the page has no frames (every page of the app), not through @axe-core/playwright's
// runner: it must find what that runner finds. Checked on a page with known violations.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessibilityViolations } from "../support/accessibility.ts";
import { launchChromium } from "../support/browser.ts";

/** A missing alt text and an unnamed button (critical), and pale text (serious). */
const FLAWS = `<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><button></button><p style="color:#ccc;background:#fff">Pale text nobody can read</p>`;
/** GraphiQL's tabs put a button inside a tab (nested-interactive): left out of the check, not our markup. */
const GRAPHIQL_TABS = `<div class="graphiql-tabs"><div role="tablist"><div role="tab" aria-selected="true">Tab <button>Close</button></div></div></div>`;
const pageOf = (body: string) => `<!doctype html><html lang="en"><head><title>Checked</title></head><body><main><h1>Checked</h1>${body}</main></body></html>`;
const FAILING_RULES = ["button-name", "color-contrast", "image-alt"];

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchChromium();
  // A context of its own, as the suites' people have: @axe-core/playwright opens a page in it.
  page = await (await browser.newContext()).newPage();
});
afterAll(async () => {
  await browser?.close();
});

/** @axe-core/playwright's answer, reduced as the check reduces it: serious and critical rules, each with the elements it names. */
async function axeBuilderAnswer(): Promise<Record<string, string[]>> {
  const results = await new AxeBuilder({ page }).exclude(".graphiql-tabs").analyze();
  const failing = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  return Object.fromEntries(failing.map((v) => [v.id, v.nodes.map((n) => n.target.map(String).join(" "))]));
}

async function checkAnswer(): Promise<Record<string, string[]>> {
  return Object.fromEntries((await accessibilityViolations(page)).map((v) => [v.rule, v.nodes.map((n) => n.target)]));
}

describe("the accessibility check", () => {
  it("finds on a page without frames what @axe-core/playwright finds, and leaves out GraphiQL's tabs", async () => {
    await page.setContent(pageOf(FLAWS + GRAPHIQL_TABS));
    const found = await checkAnswer();
    expect(Object.keys(found).sort()).toEqual(FAILING_RULES);
    expect(found).toEqual(await axeBuilderAnswer());
    // Run again on the same document (axe is already there): the same answer.
    expect(await checkAnswer()).toEqual(found);
  });

  it("passes a page without a violation", async () => {
    await page.setContent(pageOf("<p>Readable.</p>"));
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
