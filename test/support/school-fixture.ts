// One school with every kind of actor the trust table names, plus a second school, so each
// test can ask "what does this person see?" without building people by hand.
import { newToken, startSession, API_SCOPES, type ApiScope } from "@staffroom/api/testing";
import type { DocumentKind, PrismaClient } from "@staffroom/api/prisma";
import { factories } from "./factories.ts";

export const ACTOR_KEYS = [
  "peerMember", // in the peer group (and nothing else)
  "peerMember2",
  "peerMember3",
  "plcFacilitator", // facilitates the PLC
  "plcMember", // plain member of the PLC
  "otherTeacher", // teacher of the same school, in neither group
  "coach",
  "admin",
  "otherSchoolAdmin", // admin of another school
] as const;
export type ActorKey = (typeof ACTOR_KEYS)[number];

export type Person = { id: string; gid: string; token: string; email: string; name: string };

export type SchoolFixture = {
  schoolId: string;
  schoolGid: string;
  otherSchoolId: string;
  peerGroupId: string;
  peerGroupGid: string;
  plcGroupId: string;
  plcGroupGid: string;
  people: Record<ActorKey, Person>;
  /** An API token of `plcMember` for this school holding exactly `scopes`. */
  apiToken(owner: ActorKey, scopes: readonly ApiScope[]): Promise<string>;
  /** A document written straight into the database (no live content yet); its database and global ids. */
  newDocument(options?: NewDocument): Promise<{ id: string; gid: string }>;
};

export type NewDocument = {
  /** The peer group (default) or the PLC. */
  group?: "peer" | "plc";
  kind?: DocumentKind;
  /** Default: peerMember in the peer group, plcFacilitator in the PLC. */
  creator?: ActorKey;
  /** Default: the kind and a random number, so titles never collide. */
  title?: string;
  /** Shared with the school's coaches. */
  shared?: boolean;
};

/** Relay global id, as the schema encodes it. */
export function gid(typename: string, id: string): string {
  return Buffer.from(`${typename}:${id}`).toString("base64");
}

export const ALL_SCOPES = API_SCOPES;

export async function buildSchoolFixture(prisma: PrismaClient, label = "fx"): Promise<SchoolFixture> {
  const suffix = `${label}-${Math.random().toString(36).slice(2, 8)}`;
  const make = factories(prisma);
  const school = await make.school({ name: `Fixture School ${suffix}`, slug: `school-${suffix}` });
  const other = await make.school({ name: `Other School ${suffix}`, slug: `other-${suffix}` });

  const roles: Record<ActorKey, { schoolId: string; role: "TEACHER" | "COACH" | "ADMIN" }> = {
    peerMember: { schoolId: school.id, role: "TEACHER" },
    peerMember2: { schoolId: school.id, role: "TEACHER" },
    peerMember3: { schoolId: school.id, role: "TEACHER" },
    plcFacilitator: { schoolId: school.id, role: "TEACHER" },
    plcMember: { schoolId: school.id, role: "TEACHER" },
    otherTeacher: { schoolId: school.id, role: "TEACHER" },
    coach: { schoolId: school.id, role: "COACH" },
    admin: { schoolId: school.id, role: "ADMIN" },
    otherSchoolAdmin: { schoolId: other.id, role: "ADMIN" },
  };
  const people = {} as Record<ActorKey, Person>;
  for (const key of ACTOR_KEYS) {
    const email = `${key.toLowerCase()}-${suffix}@example.test`;
    const user = await make.user({ email, name: `${key} ${suffix}`, schoolMemberships: { create: roles[key] } });
    const { token } = await startSession(prisma, user.id, 3600_000);
    people[key] = { id: user.id, gid: gid("User", user.id), token, email, name: user.name };
  }
  const peer = await make.group({
    schoolId: school.id,
    kind: "PEER",
    name: "Fixture peer group",
    focus: "Questioning techniques",
    meetingCadence: "Every other Tuesday",
    members: { create: [people.peerMember, people.peerMember2, people.peerMember3].map((p) => ({ userId: p.id })) },
  });
  const plc = await make.group({
    schoolId: school.id,
    kind: "PLC",
    name: "Fixture Grade 4 PLC",
    gradeLevel: "4",
    members: {
      create: [
        { userId: people.plcFacilitator.id, role: "FACILITATOR" },
        { userId: people.plcMember.id, role: "MEMBER" },
      ],
    },
  });

  return {
    schoolId: school.id,
    schoolGid: gid("School", school.id),
    otherSchoolId: other.id,
    peerGroupId: peer.id,
    peerGroupGid: gid("Group", peer.id),
    plcGroupId: plc.id,
    plcGroupGid: gid("Group", plc.id),
    people,
    async apiToken(owner, scopes) {
      const { token, hash, prefix } = newToken("api");
      await make.apiToken({ userId: people[owner].id, schoolId: school.id, name: `fixture ${scopes.join(",")}`, prefix, tokenHash: hash, scopes: [...scopes] });
      return token;
    },
    async newDocument({ group = "peer", kind = "LESSON_PLAN", creator, title, shared = false } = {}) {
      const doc = await make.document({
        groupId: group === "peer" ? peer.id : plc.id,
        creatorId: people[creator ?? (group === "peer" ? "peerMember" : "plcFacilitator")].id,
        kind,
        title: title ?? `${kind} ${Math.random()}`,
        sharedWithCoachesAt: shared ? new Date() : null,
      });
      return { id: doc.id, gid: gid("Document", doc.id) };
    },
  };
}
