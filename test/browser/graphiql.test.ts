// GraphiQL at /graphql, in a real Chromium, with every request that would leave Staffroom
// refused: a school network may have no way out to a CDN, so the page must bring everything it
// needs and run under its own Content-Security-Policy (a violation is a console error, which
// fails the test).
import { describe, expect, it } from "vitest";
import { checkScreen, UI_TIMEOUT, useBrowserSuite } from "../support/browser.ts";

const suite = useBrowserSuite();

describe("GraphiQL", () => {
  it("runs a query with nothing loaded from outside Staffroom", async () => {
    const user = await suite.newUser("integrator");
    const origin = new URL(suite.app.url).origin;
    const elsewhere: string[] = [];
    await user.context.route(
      (url) => url.protocol.startsWith("http") && url.origin !== origin,
      (route) => {
        elsewhere.push(route.request().url());
        return route.abort();
      },
    );
    const { page } = user;
    await page.goto("/graphql?query=%7B%20__typename%20%7D");
    await page.locator(".graphiql-execute-button").click({ timeout: UI_TIMEOUT });
    await expect.poll(() => page.locator(".graphiql-response").innerText(), { timeout: UI_TIMEOUT }).toMatch(/"__typename":\s*"Query"/);
    expect(elsewhere).toEqual([]);
    await checkScreen(page, "GraphiQL");
  });
});
