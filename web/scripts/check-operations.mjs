// Validates every GraphQL operation in web/src against schema.graphql with graphql-js's full set
// of rules, fragments included. `gql.tada check` and tsc check each document's fields and types,
// but not rules that span fragments (e.g. two fragments selecting `members` with different
// arguments), which the api would refuse at run time with GRAPHQL_VALIDATION_FAILED.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildSchema, Kind, parse, validate, visit } from "graphql";

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const schema = buildSchema(await readFile(path.resolve(webDir, "../schema.graphql"), "utf8"));

/** graphql(`...`) and graphql(\n `...` — gql.tada documents never interpolate, so the literal is the document. */
const DOCUMENT = /\bgraphql\(\s*`([^`]*)`/g;

async function* sourceFiles(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) yield full;
  }
}

const fragments = new Map();
const operations = [];
const problems = [];
for await (const file of sourceFiles(path.join(webDir, "src"))) {
  const text = await readFile(file, "utf8");
  for (const match of text.matchAll(DOCUMENT)) {
    const where = `${path.relative(webDir, file)}:${text.slice(0, match.index).split("\n").length}`;
    let document;
    try {
      document = parse(match[1]);
    } catch (error) {
      problems.push(`${where}: ${error.message}`);
      continue;
    }
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      else operations.push({ where, definition });
    }
  }
}

function spreadNames(node) {
  const names = new Set();
  visit(node, { FragmentSpread: (spread) => void names.add(spread.name.value) });
  return names;
}

for (const { where, definition } of operations) {
  // The operation plus every fragment it reaches, as the client sends it.
  const included = new Map();
  const pending = [...spreadNames(definition)];
  while (pending.length > 0) {
    const name = pending.pop();
    if (included.has(name)) continue;
    const fragment = fragments.get(name);
    if (!fragment) continue; // reported by validate as an unknown fragment
    included.set(name, fragment);
    pending.push(...spreadNames(fragment));
  }
  const document = { kind: Kind.DOCUMENT, definitions: [definition, ...included.values()] };
  for (const error of validate(schema, document)) problems.push(`${where} (${definition.name?.value ?? "anonymous"}): ${error.message}`);
}

if (problems.length > 0) {
  console.error(`GraphQL operations that do not match schema.graphql:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(`✓ ${operations.length} operations (${fragments.size} fragments) valid against schema.graphql`);
