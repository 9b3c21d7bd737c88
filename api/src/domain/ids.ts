// Every row id is a UUID (PostgreSQL's uuid type). Checked before a query, so a malformed id is
// "not found" or a bad argument rather than a database error.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(id: string): boolean {
  return UUID.test(id);
}
