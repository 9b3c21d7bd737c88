// The web app's import direction: shared code (app/, collab/, graphql/, ui/) never reaches into a
// feature, and features share code only through those folders; the exceptions are pages that
// compose another feature's panel (COMPOSERS). The mutation-error
// block is written once, as the MutationError fragment. A move that breaks either rule (a screen
// importing a helper from another feature, or a copied `... on BaseError` selection) fails here.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const webSrc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../web/src");

/**
 * Pages that compose other features' panels, and which: the document page shows the action-plan,
 * feedback and versions panels; the school's pages offer the password-reset link dialog; the
 * settings page shows the notification preferences and the person's emails. Nothing else crosses
 * features.
 */
const COMPOSERS: Record<string, ReadonlySet<string>> = {
  "features/editor/DocumentPage.tsx": new Set(["action-plan", "feedback", "versions"]),
  "features/school-settings/SchoolSettingsPage.tsx": new Set(["password-reset"]),
  // The one settings page: notification preferences and "my emails" as its sections.
  "features/settings/SettingsPage.tsx": new Set(["emails", "notifications"]),
};

type Import = { from: string; to: string };

async function sourceFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await sourceFiles(full)));
    else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) files.push(full);
  }
  return files;
}

/** Every relative import (static or lazy) as paths relative to web/src. */
async function relativeImports(): Promise<Import[]> {
  const imports: Import[] = [];
  for (const file of await sourceFiles(webSrc)) {
    const text = await readFile(file, "utf8");
    for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)"(\.{1,2}\/[^"]+)"/g)) {
      imports.push({ from: path.relative(webSrc, file), to: path.relative(webSrc, path.resolve(path.dirname(file), match[1]!)) });
    }
  }
  return imports;
}

const featureOf = (file: string) => (file.startsWith("features/") ? file.split("/")[1]! : null);

describe("web app imports", () => {
  it("sees the app's imports (the scan itself works)", async () => {
    const imports = await relativeImports();
    expect(imports.length).toBeGreaterThan(100);
    expect(imports).toContainEqual({ from: "features/editor/DocumentPage.tsx", to: "collab/rich-text/LiveRichText.tsx" });
  });

  // The router composes every page; the app's frame shows the notification bell on every page.
  const composesFeatures = (from: string, to: string) => from === "app/routes.tsx" || (from === "app/AppLayout.tsx" && featureOf(to) === "notifications");

  it("shared code imports no feature, except the router's lazy pages and the frame's bell", async () => {
    const wrong = (await relativeImports()).filter(({ from, to }) => featureOf(from) === null && featureOf(to) !== null && !composesFeatures(from, to));
    expect(wrong).toEqual([]);
  });

  it("a feature imports another only where a page composes its panel", async () => {
    const wrong = (await relativeImports()).filter(({ from, to }) => {
      const source = featureOf(from);
      const target = featureOf(to);
      if (!source || !target || source === target) return false;
      return !COMPOSERS[from]?.has(target);
    });
    expect(wrong).toEqual([]);
  });

  it("mutations read errors through the one MutationError fragment, not a copied BaseError selection", async () => {
    const copies: string[] = [];
    for (const file of await sourceFiles(webSrc)) {
      const text = await readFile(file, "utf8");
      if (/\.\.\.\s*on\s+BaseError\b/.test(text)) copies.push(path.relative(webSrc, file));
    }
    expect(copies).toEqual([]);
  });
});
