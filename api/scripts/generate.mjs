// `prisma generate`, offline. Prisma 7's client needs no native engine, but the CLI still
// looks for a schema-engine binary it would download; pointing it at a dummy program lets
// generate run with nothing but the npm registry (the engine cannot be downloaded on every
// machine this project is built on).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const result = spawnSync("npx", ["prisma", "generate", "--no-hints"], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/true",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
process.exit(result.status ?? 1);
