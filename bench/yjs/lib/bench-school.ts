// The data a Staffroom peer needs to accept benchmark clients: a school, a peer group with three
// teachers and their session tokens (test/support/school-fixture.ts), and documents in that
// group, in the section's own database (bench/lib/database.ts). The in-memory peers use the same
// document ids as room names.
import { randomUUID } from "node:crypto";
import { openDatabase, type Database } from "../../../api/src/db/client.ts";
import { buildSchoolFixture, type SchoolFixture } from "../../../test/support/school-fixture.ts";
import { createBenchDatabase } from "../../lib/database.ts";

export type BenchSchool = {
  databaseUrl: string;
  db: Database;
  fixture: SchoolFixture;
  /** Session tokens of the peer group's members: clients take turns using them. */
  tokens: string[];
  /** New, empty lesson plans in the peer group. */
  createDocuments(count: number): Promise<string[]>;
};

/**
 * A migrated, empty database first (peers can start on it at once), then `populate` fills in the
 * school while they start. `close` drops the database, populated or not.
 */
export type SchoolDatabase = { databaseUrl: string; populate(): Promise<BenchSchool>; close(): Promise<void> };

export async function createSchoolDatabase(label: string): Promise<SchoolDatabase> {
  const database = await createBenchDatabase(`yjs_${label}`);
  let db: Database | null = null;
  return {
    databaseUrl: database.url,
    async populate() {
      db = await openDatabase({ databaseUrl: database.url, dataDir: "/nonexistent" });
      const prisma = db.prisma;
      const fixture = await buildSchoolFixture(prisma, "bench");
      const { peerMember, peerMember2, peerMember3 } = fixture.people;
      return {
        databaseUrl: database.url,
        db,
        fixture,
        tokens: [peerMember.token, peerMember2.token, peerMember3.token],
        async createDocuments(count) {
          const ids = Array.from({ length: count }, () => randomUUID());
          await prisma.document.createMany({
            data: ids.map((id, i) => ({ id, groupId: fixture.peerGroupId, creatorId: peerMember.id, kind: "LESSON_PLAN" as const, title: `Bench plan ${i}` })),
          });
          return ids;
        },
      };
    },
    async close() {
      await db?.close();
      await database.drop();
    },
  };
}
