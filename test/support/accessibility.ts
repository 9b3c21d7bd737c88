// axe-core in the browser tests: every page a test shows a person must have no serious or critical
// accessibility violation (WCAG 2.x A and AA, and axe's best practices). axe-core is evaluated
// into the page (and, through @axe-core/playwright, into its frames) through the DevTools
// protocol, which the app's Content-Security-Policy does not apply to, so the page is checked
// exactly as it is served.
//
// `expectAccessible(page, label)` checks a page now; useBrowserSuite (browser.ts) also checks
// every page still open when a test ends, so a new browser test is covered without asking.
import AxeBuilder from "@axe-core/playwright";
import axe from "axe-core";
import type { Page } from "playwright-core";
import { expect } from "vitest";

/** The impacts that fail a test. Moderate and minor findings are left to judgement. */
const FAILING_IMPACTS = new Set(["serious", "critical"]);

export type Violation = { rule: string; impact: string; help: string; helpUrl: string; nodes: { target: string; html: string; summary: string }[] };

/**
 * Parts of pages whose markup is not Staffroom's, left out of the check. GraphiQL (yoga's page at
 * /graphql) puts each tab's close button inside its role="tab" element (nested-interactive): its
 * own markup, which we cannot change from outside. The rest of GraphiQL is checked.
 */
const NOT_OURS = [".graphiql-tabs"];

/** The serious and critical violations axe finds on the page as it is now. */
export async function accessibilityViolations(page: Page): Promise<Violation[]> {
  return (page.frames().length > 1 ? await withFrames(page) : await inPage(page)).filter((v) => FAILING_IMPACTS.has(v.impact ?? "")).map(asViolation);
}

/**
 * The rules axe runs, whatever the runner: all of them, as axe's defaults enable them. Only the
 * details of passing and inapplicable checks are trimmed (`resultTypes`), never which rules run.
 */
const RUN_OPTIONS = { resultTypes: ["violations"] } satisfies axe.RunOptions;

/**
 * A page without frames (every page of the app): axe-core is evaluated into it once per loaded
 * document and run there, through the DevTools protocol like @axe-core/playwright does, so the
 * CSP does not apply. @axe-core/playwright evaluates its 1.5 MB source twice per check and opens a
 * blank page to merge the results of frames (`finishRun`); with one frame there is nothing to
 * merge, and on two shared cores those steps cost more than the check itself.
 */
async function inPage(page: Page): Promise<axe.Result[]> {
  const loaded = await page.evaluate(`window.axe?.version === ${JSON.stringify(axe.version)} && typeof window.axe.run === "function"`);
  if (!loaded) await page.evaluate(axe.source);
  // A string expression: the test package compiles without the DOM library.
  return page.evaluate<axe.Result[]>(
    `window.axe.run({ exclude: ${JSON.stringify(NOT_OURS)} }, ${JSON.stringify(RUN_OPTIONS)}).then((results) => results.violations)`,
  );
}

/** A page with frames: @axe-core/playwright's own runner, which checks each frame and merges the results. */
async function withFrames(page: Page): Promise<axe.Result[]> {
  const builder = new AxeBuilder({ page }).options(RUN_OPTIONS);
  for (const selector of NOT_OURS) builder.exclude(selector);
  return (await builder.analyze()).violations;
}

function asViolation(v: axe.Result): Violation {
  return {
    rule: v.id,
    impact: v.impact ?? "",
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(" "), html: n.html, summary: n.failureSummary ?? "" })),
  };
}

/** One violation as a person reads it: the rule, why it matters, and each element with what to fix. */
export function describeViolation(v: Violation): string {
  const nodes = v.nodes.map((n) => `    at ${n.target}\n      ${n.html.slice(0, 200)}\n      ${n.summary.replaceAll("\n", "\n      ")}`);
  return `${v.rule} (${v.impact}): ${v.help}\n  ${v.helpUrl}\n${nodes.join("\n")}`;
}

/** Fails with a readable list when axe finds a serious or critical violation on the page. `label` names the page in the failure. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const violations = await accessibilityViolations(page);
  expect(violations.map(describeViolation).join("\n\n"), `axe-core: serious or critical violations on "${label}" (${page.url()})`).toBe("");
}
