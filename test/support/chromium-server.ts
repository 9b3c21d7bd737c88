// One Chromium for the whole test run, shared by every browser test file (vitest globalSetup).
// Launching Chromium costs seconds on two shared cores, and each browser file used to launch its
// own. Files still share nothing a person could see: each file connects to this browser with
// `chromium.connect`, makes a context (cookies, storage, sockets of their own) per person, and
// closing its connection closes every context it made.
//
// Runs that hold no browser test never start it: the browser is launched when the first file
// asks for it, through a small HTTP endpoint on 127.0.0.1 whose address the files read with
// vitest's `inject("chromiumServer")` (support/browser.ts).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { type BrowserServer, chromium } from "playwright-core";
import type { TestProject } from "vitest/node";
import { CHROMIUM_PATH } from "./chromium-path.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** GET it for the websocket endpoint of the run's Chromium (launched on first request). */
    chromiumServer: string;
  }
}

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-gpu",
  "--no-first-run",
];

export function launchChromiumServer(): Promise<BrowserServer> {
  return chromium.launchServer({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, host: "127.0.0.1" });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let server: Promise<BrowserServer> | undefined;
  const endpoint = http.createServer((_request, response) => {
    if (!server) {
      const launching = launchChromiumServer();
      server = launching;
      // A browser that crashed (or never started) is launched again for the next file, so one
      // file's crash fails that file only.
      const forget = () => {
        if (server === launching) server = undefined;
      };
      launching.then((started) => started.on("close", forget), forget);
    }
    server.then(
      (started) => response.end(started.wsEndpoint()),
      (error: unknown) => {
        response.statusCode = 500;
        response.end(error instanceof Error ? error.message : String(error));
      },
    );
  });
  await new Promise<void>((resolve) => endpoint.listen(0, "127.0.0.1", resolve));
  project.provide("chromiumServer", `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/`);
  return async () => {
    endpoint.close();
    const running = await server?.catch(() => undefined);
    await running?.close();
  };
}
