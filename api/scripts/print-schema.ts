// Writes schema.graphql (printed, sorted SDL): the contract between api/, web/ and integrators.
// `--check` exits 1 when the checked-in file is stale.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { printSortedSchema } from "../src/schema/index.ts";

const file = path.resolve(import.meta.dirname, "../../schema.graphql");
const printed = printSortedSchema();
if (process.argv.includes("--check")) {
  const current = await readFile(file, "utf8").catch(() => "");
  if (current !== printed) {
    console.error("schema.graphql is stale: run `npm run schema:print`.");
    process.exit(1);
  }
} else {
  await writeFile(file, printed);
  console.log(`Wrote ${path.relative(process.cwd(), file)}`);
}
