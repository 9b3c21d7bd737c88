// The api's layers (README, "Architecture" → "Layers"): a module may import from its own layer
// and the layers below it, never from one above. This reads every import in api/src with
// TypeScript's own pre-processor (type-only imports, re-exports and dynamic imports included)
// and fails on one that runs upwards, or on a module no layer claims.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../../api/src");

/**
 * Lowest first. A module belongs to the first layer with a matching entry: a folder ends in "/",
 * anything else names one file. A new folder or top-level file must be placed here.
 */
const LAYERS: { name: string; modules: string[] }[] = [
  {
    name: "infrastructure",
    modules: [
      "generated/",
      "config.ts",
      "redis.ts",
      "db/",
      "email/",
      "upgrade.ts",
      "http-guard.ts",
      "security-headers.ts",
      "static-web.ts",
      "startup-errors.ts",
      "observability/",
    ],
  },
  { name: "domain", modules: ["domain/"] },
  {
    name: "documents",
    modules: [
      "collab/content/",
      "collab/live-documents.ts",
      "collab/registry.ts",
      "collab/live-document.ts",
      "collab/persistence.ts",
      "collab/fan-out.ts",
      "collab/redis-fan-out.ts",
      "collab/protocol.ts",
      "collab/connection.ts",
    ],
  },
  { name: "policies", modules: ["policies/"] },
  { name: "auth", modules: ["auth/"] },
  { name: "events", modules: ["events/"] },
  {
    name: "commands",
    modules: ["commands/", "action-plans/", "notifications/", "calendar/", "jobs/", "email/outbox.ts", "email/outbox-jobs.ts", "db/demo/", "db/seed-demo.ts"],
  },
  { name: "collab server", modules: ["collab/collab-server.ts"] },
  { name: "schema", modules: ["schema/", "context.ts"] },
  {
    name: "app",
    modules: [
      "observability/graphql-observer.ts",
      "graphql-cost.ts",
      "graphql-edge.ts",
      "graphql-server.ts",
      "graphql-ws.ts",
      "single-sign-on-http.ts",
      "calendar-http.ts",
      "app.ts",
      "main.ts",
      "testing.ts",
    ],
  },
];

/** The layer index of a module (path relative to api/src, "/"-separated), or -1. */
function layerOf(module: string): number {
  let best = -1;
  let bestLength = -1;
  LAYERS.forEach((layer, index) => {
    for (const entry of layer.modules) {
      const matches = entry.endsWith("/") ? module.startsWith(entry) : module === entry;
      // The longest entry wins, so "db/demo/" overrides "db/" and "collab/x.ts" a folder.
      if (matches && entry.length > bestLength) [best, bestLength] = [index, entry.length];
    }
  });
  return best;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !path.relative(SRC, file).startsWith("generated/"));
}

type Import = { from: string; to: string };

/** Every relative import of `file`, resolved to a path relative to api/src. */
function importsOf(file: string): Import[] {
  const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  const from = path.relative(SRC, file).split(path.sep).join("/");
  return info.importedFiles
    .map((ref) => ref.fileName)
    .filter((name) => name.startsWith("."))
    .map((name) => ({
      from,
      to: path
        .relative(SRC, path.resolve(path.dirname(file), name))
        .split(path.sep)
        .join("/"),
    }));
}

/** Imports that run from a lower layer to a higher one, as "from → to (lower → higher)". */
function backwardsImports(imports: Import[]): string[] {
  return imports
    .filter(({ from, to }) => layerOf(to) > layerOf(from))
    .map(({ from, to }) => `${from} → ${to} (${LAYERS[layerOf(from)]!.name} → ${LAYERS[layerOf(to)]!.name})`);
}

describe("api layers", () => {
  const files = sourceFiles(SRC);
  const imports = files.flatMap(importsOf);

  it("reads the api's imports (the check is not vacuous)", () => {
    expect(files.length).toBeGreaterThan(50);
    expect(imports).toContainEqual({ from: "schema/sessions.ts", to: "policies/groups.ts" });
  });

  it("places every module in a layer", () => {
    const modules = new Set([...files.map((file) => path.relative(SRC, file).split(path.sep).join("/")), ...imports.map((i) => i.to)]);
    expect([...modules].filter((module) => layerOf(module) < 0)).toEqual([]);
  });

  it("has no import from a lower layer to a higher one", () => {
    expect(backwardsImports(imports)).toEqual([]);
  });

  it("would catch one: a policy importing the schema", () => {
    expect(backwardsImports([{ from: "policies/groups.ts", to: "schema/errors.ts" }])).toEqual(["policies/groups.ts → schema/errors.ts (policies → schema)"]);
  });
});
