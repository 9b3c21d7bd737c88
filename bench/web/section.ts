// The web app on a school network: Chromium (playwright-core) with DevTools network throttling
// (1.6 Mbps down, 150 ms round trip) opens home and a live document, cold (empty cache) and warm
// (the same browser profile again), from two peers in front of the same Staffroom process:
//   Staffroom         — the api's own static server (precompressed brotli/gzip, immutable hashed
//                       assets, HTML revalidated by ETag, route shells preloading the page);
//   plain (baseline)  — the same build served as files, uncompressed, with no caching headers
//                       (bench/web/plain-server.ts), /graphql and /collab proxied to Staffroom.
// Time to interactive, read in the page (performance.now(), from the navigation's start):
//   home   — the home page lists the teacher's groups (its GraphQL data arrived and rendered);
//   editor — the document's editor accepts typing: contenteditable, after the server's copy of the
//            document arrived over the websocket; a typed marker must then show up in it.
// Bytes: every HTTP response's encoded size (headers included) from the DevTools protocol, up to
// interactive; websocket frames are not counted (the same for both peers).
import { existsSync } from "node:fs";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { CHROMIUM_PATH } from "../../test/support/chromium-path.ts";
import { REPO_ROOT, startListeningProcess, type ListeningProcess } from "../lib/child-process.ts";
import { createBenchDatabase } from "../lib/database.ts";
import { relayGlobalId } from "../lib/graphql-http.ts";
import { phases } from "../lib/progress.ts";
import { seedSchool } from "../lib/school-seed.ts";
import type { BenchOptions, Section, SectionResult } from "../lib/section.ts";
import { staffroom } from "../graphql/peers.ts";

const NETWORK = { downloadMbps: 1.6, uploadMbps: 1.6, rttMs: 150 };
const PAGES = ["home", "editor"] as const;
const FULL = { rounds: 3, throttle: true, pages: PAGES, school: { groups: 2, membersPerGroup: 5, sessionsPerGroup: 4, documentsPerSession: 2 } };
/**
 * One round, unthrottled, the editor only (it loads everything home does, plus the editor, the
 * GraphQL data and the websocket): proves the benchmark works, in a few seconds.
 */
const SMOKE = {
  rounds: 1,
  throttle: false,
  pages: ["editor"] as const,
  school: { groups: 1, membersPerGroup: 2, sessionsPerGroup: 1, documentsPerSession: 1 },
};
const VISITS = ["cold", "warm"] as const;
const WEB_DIST = path.join(REPO_ROOT, "web/dist");
const TOKEN_KEY = "staffroom.sessionToken"; // web/src/app/auth.tsx

type PageName = (typeof PAGES)[number];
type Visit = (typeof VISITS)[number];
type Load = { interactiveMs: number; bytes: number; requests: number; fromCache: number; notModified: number };
export type WebLoadFigures = {
  interactiveMs: { median: number; samples: number[] };
  bytes: number;
  requests: number;
  fromCache: number;
  notModified: number;
};

type WebPeer = { name: string; url: string };

/** Everything Chromium received over HTTP for one page load, from the DevTools protocol. */
async function measure(context: BrowserContext, url: string, token: string, ready: (page: Page) => Promise<number>, throttle: boolean): Promise<Load> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const sizes = new Map<string, number>();
  let fromCache = 0;
  let notModified = 0;
  cdp.on("Network.loadingFinished", (event) => sizes.set(event.requestId, event.encodedDataLength));
  // From the cache without asking (immutable assets): from the memory or the disk cache.
  cdp.on("Network.requestServedFromCache", () => fromCache++);
  cdp.on("Network.responseReceived", (event) => {
    if (event.response.fromDiskCache) fromCache++;
  });
  // Revalidated: the wire said 304 (the page is then given the cached 200).
  cdp.on("Network.responseReceivedExtraInfo", (event) => {
    if (event.statusCode === 304) notModified++;
  });
  await cdp.send("Network.enable");
  if (throttle) {
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: NETWORK.rttMs,
      downloadThroughput: (NETWORK.downloadMbps * 1_000_000) / 8,
      uploadThroughput: (NETWORK.uploadMbps * 1_000_000) / 8,
    });
  }
  await page.addInitScript(([key, value]) => window.localStorage.setItem(key, value), [TOKEN_KEY, token] as const);
  await page.goto(url, { waitUntil: "commit" });
  const interactiveMs = await ready(page);
  const bytes = [...sizes.values()].reduce((total, n) => total + n, 0);
  const load = { interactiveMs: Math.round(interactiveMs), bytes, requests: sizes.size, fromCache, notModified };
  await cdp.detach();
  await page.close();
  return load;
}

const homeReady = async (page: Page) =>
  (await (
    await page.waitForFunction(() => (document.querySelector('main a[href^="/groups/"]') ? performance.now() : 0), undefined, {
      polling: "raf",
      timeout: 60_000,
    })
  ).jsonValue()) as number;

let marker = 0;
async function editorReady(page: Page): Promise<number> {
  const at = (await (
    await page.waitForFunction(() => (document.querySelector('[role="textbox"][contenteditable="true"]') ? performance.now() : 0), undefined, {
      polling: "raf",
      timeout: 60_000,
    })
  ).jsonValue()) as number;
  // Proof that "accepts typing" is true: what is typed shows up in the document.
  const typed = `bench${++marker} `;
  const editor = page.locator('[role="textbox"][contenteditable="true"]');
  await editor.click();
  await page.keyboard.type(typed);
  await page.waitForFunction((text) => document.querySelector('[role="textbox"]')?.textContent?.includes(text.trim()), typed, { timeout: 30_000 });
  return at;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

export const section: Section = {
  id: "web",
  async run({ smoke }: BenchOptions): Promise<SectionResult> {
    const settings = smoke ? SMOKE : FULL;
    if (!existsSync(path.join(WEB_DIST, "index.html"))) throw new Error("web/dist is missing: build the web app first (npx turbo run build).");
    if (!existsSync(CHROMIUM_PATH)) throw new Error(`No Chromium at ${CHROMIUM_PATH} (set CHROMIUM_PATH, or apt-get install chromium).`);
    const done = phases();
    const database = await createBenchDatabase("web");
    let api: ListeningProcess | null = null;
    let plain: ListeningProcess | null = null;
    let browser: Browser | null = null;
    try {
      const school = await seedSchool(database.url, settings.school);
      api = await staffroom.start(database.url);
      plain = await startListeningProcess({
        name: "plain static server",
        script: path.join(import.meta.dirname, "plain-server.ts"),
        env: { WEB_DIR: WEB_DIST, UPSTREAM_URL: api.url, PORT: "0" },
        ready: /Plain static server is running at (http:\/\/\S+)/,
      });
      browser = await chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
      });
      done("database seeded, Staffroom, the plain server and Chromium started");

      const token = school.firstGroupMembers[0]!.token;
      const routes: Record<PageName, { path: string; ready: (page: Page) => Promise<number> }> = {
        home: { path: "/", ready: homeReady },
        editor: { path: `/documents/${encodeURIComponent(relayGlobalId("Document", school.documentIds[0]!))}`, ready: editorReady },
      };
      const peers: WebPeer[] = [
        { name: "Staffroom", url: api.url },
        { name: "plain (no compression, no caching)", url: plain.url },
      ];
      if (!smoke) {
        // Unmeasured: the api's first requests compile its code paths (JIT, Prisma); neither peer should pay for that.
        for (const peer of peers) {
          const context = await browser.newContext();
          await measure(context, peer.url + routes.editor.path, token, routes.editor.ready, false).finally(() => context.close());
        }
        done("warm-up visit through each peer");
      }
      const loads = new Map<string, Load[]>();
      const key = (peer: string, page: PageName, visit: Visit) => `${peer}|${page}|${visit}`;
      for (let round = 0; round < settings.rounds; round++) {
        // Alternate which peer goes first, so neither always meets a colder or warmer server.
        for (const peer of round % 2 === 0 ? peers : [...peers].reverse()) {
          for (const pageName of settings.pages) {
            // A fresh profile (empty cache) per page and round; the warm visit reuses it.
            const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
            try {
              for (const visit of VISITS) {
                const load = await measure(context, peer.url + routes[pageName].path, token, routes[pageName].ready, settings.throttle);
                const list = loads.get(key(peer.name, pageName, visit)) ?? [];
                list.push(load);
                loads.set(key(peer.name, pageName, visit), list);
              }
            } finally {
              await context.close();
            }
          }
        }
        done(`round ${round + 1} of ${settings.rounds}`);
      }

      const figures: Record<string, Record<string, unknown>> = {};
      const table: string[][] = [["page", "visit", "peer", "interactive ms (median)", "KB transferred", "requests", "from cache", "304"]];
      for (const pageName of settings.pages) {
        for (const visit of VISITS) {
          for (const peer of peers) {
            const list = loads.get(key(peer.name, pageName, visit)) ?? [];
            // Bytes and counts do not vary between rounds; the last round's are kept.
            const last = list.at(-1)!;
            const summary: WebLoadFigures = {
              interactiveMs: { median: median(list.map((l) => l.interactiveMs)), samples: list.map((l) => l.interactiveMs) },
              bytes: last.bytes,
              requests: last.requests,
              fromCache: last.fromCache,
              notModified: last.notModified,
            };
            figures[peer.name] ??= {};
            (figures[peer.name] as Record<string, unknown>)[`${pageName}-${visit}`] = summary;
            table.push([
              pageName,
              visit,
              peer.name,
              String(summary.interactiveMs.median),
              (summary.bytes / 1024).toFixed(1),
              String(summary.requests),
              String(summary.fromCache),
              String(summary.notModified),
            ]);
            console.log(`    ${pageName} ${visit} ${peer.name}: ${summary.interactiveMs.median} ms, ${(summary.bytes / 1024).toFixed(1)} KB`);
          }
        }
      }
      const network = settings.throttle
        ? `DevTools network throttling: ${NETWORK.downloadMbps} Mbps down, ${NETWORK.uploadMbps} Mbps up, ${NETWORK.rttMs} ms added per request`
        : "no throttling (smoke)";
      return {
        id: "web",
        title: "Web app: time to interactive and bytes on a school network",
        method:
          `Chromium (playwright-core) opens home and a live document as a signed-in teacher, ${network}; cold = a fresh browser profile, warm = the same profile right after. ` +
          `${settings.rounds} round(s), peers alternating first; the median is reported. Interactive: home lists the teacher's groups; the editor accepts typing (contenteditable once the document arrived over the websocket; a typed marker is then checked to appear). ` +
          "Both peers serve the same build in front of the same Staffroom process; the baseline serves it uncompressed, without caching headers or route shells.",
        figures,
        table,
        notes: [
          "KB transferred: the encoded size of every HTTP response (headers included) until interactive, GraphQL included; websocket frames (the live document, subscriptions) are not counted and are the same for both peers.",
          "From cache: responses Chromium took from its cache without asking the server (immutable assets); 304: revalidated HTML.",
          ...(smoke ? ["Smoke mode: the editor only, no throttling, one round; the figures mean nothing, the run only proves the benchmark works."] : []),
        ],
      };
    } finally {
      await browser?.close();
      await plain?.stop();
      await api?.stop();
      await database.drop();
    }
  },
};
