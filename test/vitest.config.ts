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
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
