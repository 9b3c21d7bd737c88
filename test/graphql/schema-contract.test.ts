// schema.graphql is the contract with web/ and integrators: it must be the printed, sorted SDL
// of the schema the server actually runs.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { buildSchema, lexicographicSortSchema, printSchema } from "graphql";
import { describe, expect, it } from "vitest";
import { printSortedSchema } from "@staffroom/api/schema";

describe("schema.graphql", () => {
  it("is up to date (run `npm run schema:print` after changing the schema)", async () => {
    const checkedIn = await readFile(path.resolve(import.meta.dirname, "../../schema.graphql"), "utf8");
    expect(checkedIn).toBe(printSortedSchema());
  });

  it("is sorted, so diffs show real changes only", async () => {
    const checkedIn = await readFile(path.resolve(import.meta.dirname, "../../schema.graphql"), "utf8");
    expect(printSchema(lexicographicSortSchema(buildSchema(checkedIn))) + "\n").toBe(checkedIn);
  });

  it("gives every expected failure a stable code through the BaseError interface", () => {
    const sdl = printSortedSchema();
    expect(sdl).toMatch(/interface BaseError \{\s+code: ErrorCode!\s+message: String!\s+\}/);
    for (const type of ["ValidationError", "NotFoundError", "ConflictError", "RuleViolationError", "InvalidCredentialsError", "RateLimitedError"]) {
      expect(sdl).toMatch(new RegExp(`type ${type} implements BaseError`));
    }
  });
});
