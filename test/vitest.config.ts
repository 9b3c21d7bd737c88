import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS and ESM builds. Node loads the CJS one for yoga and Pothos; without
    // this alias Vite would hand our sources the ESM one, and `instanceof GraphQLError` breaks.
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  test: {
    // Rebuilds api/dist when a source is newer: the process tests start the compiled server.
    // Launches the run's one Chromium when the first browser test file asks for it.
    globalSetup: ["./support/compiled-api.ts", "./support/chromium-server.ts"],
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**"],
    pool: "forks",
    // Each of the two forks runs many files one after another and keeps its loaded modules: the
    // api's module graph (Prisma client, Pothos, Yoga) is loaded twice per run, not once per
    // file (import time 441 s → 20 s summed over a full run). Files still share no data: each
    // starts its own app on its own fresh database (support/app.ts), and stops it.
    isolate: false,
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
