// The web app's GraphQL documents, read from web/src as gql.tada sees them: every `graphql(`…`)`
// literal, each operation with every fragment (fragments are resolved across files).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { type DefinitionNode, Kind, type OperationDefinitionNode, parse } from "graphql";

export type WebOperation = { name: string; operation: OperationDefinitionNode; definitions: DefinitionNode[] };

export function webOperations(): WebOperation[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry)) files.push(full);
    }
  };
  walk(path.join(import.meta.dirname, "../../web/src"));
  const definitions = files.flatMap((file) => [...readFileSync(file, "utf8").matchAll(/graphql\(\s*`([^`]*)`/g)].flatMap((m) => parse(m[1]!).definitions));
  const fragments = definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  return definitions
    .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => ({ name: operation.name?.value ?? "anonymous", operation, definitions: [operation, ...fragments] }));
}
