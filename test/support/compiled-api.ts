// The api as production runs it: compiled to api/dist by `npm run build --workspace api`, started
// with node alone (`npm start`). Tests of process behaviour (signals, crashes, several instances)
// start that build. vitest's globalSetup rebuilds it first when any source is newer than the
// build, so `npx vitest run shutdown.test.ts` after an edit never runs yesterday's code.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
export const COMPILED_MAIN = path.join(REPO_ROOT, "api/dist/main.js");

/** What the build reads: the sources (generated Prisma client included) and its tsconfig files. */
function newestInput(): number {
  let newest = 0;
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  visit(path.join(REPO_ROOT, "api/src"));
  for (const file of ["api/tsconfig.json", "api/tsconfig.build.json", "tsconfig.json"]) newest = Math.max(newest, statSync(path.join(REPO_ROOT, file)).mtimeMs);
  return newest;
}

/** Builds api/dist unless it is newer than every input (after `npm test`'s turbo build it is). */
export function ensureCompiledApi(): void {
  if (existsSync(COMPILED_MAIN) && statSync(COMPILED_MAIN).mtimeMs >= newestInput()) return;
  const build = spawnSync("npm", ["run", "build", "--workspace", "api"], { cwd: REPO_ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`npm run build --workspace api failed:\n${build.stdout}\n${build.stderr}`);
}

/** vitest globalSetup: once per run, before any test file. */
export default function setup(): void {
  ensureCompiledApi();
}
