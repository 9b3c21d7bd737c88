// Every mutation returns what it wrote to the caller who wrote it, and a failed one writes nothing.
//
// The list of mutations comes from the schema: each needs a case below (who may call it and with
// what), so a new mutation fails "has a case for every mutation" until it gets one. Each case runs
// as an allowed caller selecting `data { id }` (or, for a payload without an id, the part that
// shows what was written) and must come back as its Success with the id, readable by the same
// caller through node(id). This is where createGroup and createSchool used to answer FORBIDDEN
// "Not authorized to read fields for Group" with `data: null` although the row was written: the
// payload was judged by the actor loaded before the change (schema/fresh-actor.ts).
//
// Its operations are raw text on purpose: each is built at run time from the schema's field, its
// arguments and its Success type, which a typed document cannot do; the failure table beside them
// is written the same way so both read alike.
import { randomUUID } from "node:crypto";
import { getNamedType, isObjectType, isUnionType, type GraphQLField, type GraphQLObjectType } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword, hashToken, newToken, startSession } from "@staffroom/api/testing";
import { schema } from "@staffroom/api/schema";
import { startTestApp, type TestApp } from "../support/app.ts";
import { startIdentityProvider, type TestIdentityProvider } from "../support/identity-provider.ts";
import { buildEveryNode, databaseContents, type EveryNode } from "../support/every-node.ts";
import { buildSchoolFixture, gid, type ActorKey, type SchoolFixture } from "../support/school-fixture.ts";

let app: TestApp;
let fx: SchoolFixture;
let rows: EveryNode;
/** A real OpenID provider, for the single sign-on settings (saving one reads its discovery document). */
let idp: TestIdentityProvider;
beforeAll(async () => {
  app = await startTestApp({ singleSignOn: { allowHttpIssuers: true } });
  fx = await buildSchoolFixture(app.db.prisma, "payloads");
  rows = await buildEveryNode(app.db.prisma, fx);
  idp = await startIdentityProvider({ redirectUri: `${app.url}/auth/oidc/callback` });
});
afterAll(async () => {
  await idp?.close();
  await app?.close();
});

const prisma = () => app.db.prisma;
const PASSWORD = "a long enough password";

/** How to call one mutation as someone allowed to. */
type Case = {
  /** Who calls: a fixture person, nobody (sign-up and sign-in), or a person the case makes. */
  as: ActorKey | "anonymous" | (() => Promise<string>);
  /** The arguments; may write the rows the call needs first (a document to delete, a session to start). */
  variables: () => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** The selection on `data` when it has no `id` of its own, and the path to the id in it. */
  data?: { select: string; id: readonly (string | number)[] };
};

// ---- Rows a case writes for itself, so cases do not depend on each other's order. ----

const peer = () => fx.peerGroupId;
const author = () => fx.people.peerMember;

/** An unread notification for the peer member about their school (no subject: always theirs to read). */
const newNotification = () => app.make.notification({ recipientId: author().id, schoolId: fx.schoolId, kind: "INVITATION_ACCEPTED" });

async function newSession(values: { status?: "PLANNED" | "LIVE"; items?: number } = {}) {
  const session = await app.make.session({
    groupId: peer(),
    title: "A meeting of its own",
    startsAt: new Date("2027-03-02T15:00:00Z"),
    status: values.status ?? "PLANNED",
    ...(values.status === "LIVE" ? { startedAt: new Date() } : {}),
  });
  const itemGids: string[] = [];
  for (let position = 0; position < (values.items ?? 0); position++) {
    itemGids.push(gid("AgendaItem", (await app.make.agendaItem({ sessionId: session.id, position, title: `Item ${position}` })).id));
  }
  return { ...session, gid: gid("Session", session.id), itemGids };
}

async function newDocument() {
  const document = await app.make.document({ groupId: peer(), creatorId: author().id, kind: "LESSON_PLAN", title: "A plan of its own" });
  return gid("Document", document.id);
}

async function newFeedback(resolved = false) {
  const feedback = await app.make.feedback({
    documentId: rows.ids.Document!,
    authorId: author().id,
    kind: "GROW",
    body: "Try a longer pause.",
    ...(resolved ? { resolvedAt: new Date(), resolvedById: author().id } : {}),
  });
  return gid("Feedback", feedback.id);
}

/** A teacher of the fixture school made for one case (to remove, promote, or add to a group). */
async function newTeacher(label: string, schoolId = fx.schoolId) {
  const user = await app.make.user({ email: `${label}-${randomUUID()}@example.test`, name: `New ${label}`, passwordHash: await hashPassword(PASSWORD) });
  const membership = await app.make.schoolMember({ schoolId, userId: user.id, role: "TEACHER" });
  return { ...user, gid: gid("User", user.id), membershipId: membership.id, memberGid: gid("SchoolMember", membership.id) };
}

/** A person with an account and no school yet: someone who just signed up. */
async function newAccount(label: string) {
  const user = await app.make.user({ email: `${label}-${randomUUID()}@example.test`, name: `New ${label}`, passwordHash: await hashPassword(PASSWORD) });
  return { ...user, token: (await startSession(prisma(), user.id, 3600_000)).token };
}

/** An invitation to the fixture school, with the token of its link. */
async function newInvitation(label: string) {
  const token = `sri_${randomUUID()}`;
  const invitation = await app.make.invitation({ schoolId: fx.schoolId, email: `${label}-${randomUUID()}@example.test`, tokenHash: hashToken(token) });
  return { ...invitation, token, gid: gid("Invitation", invitation.id) };
}

/** The fixture school's single sign-on, set up against the test's provider (once). */
async function signOnConfigured() {
  const existing = await prisma().schoolSignOnProvider.findUnique({ where: { schoolId: fx.schoolId } });
  if (existing) await prisma().schoolSignOnProvider.update({ where: { id: existing.id }, data: { enabled: true } });
  else {
    await app.make.schoolSignOnProvider({
      schoolId: fx.schoolId,
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      allowedDomains: ["example.test"],
    });
  }
}

/** A teacher signed in, for cases where the caller is made with the rows (leaving a group). */
let leaver: Awaited<ReturnType<typeof newTeacher>> | undefined;

// ---- One case per mutation. ----

const CASES: Record<string, Case | Case[]> = {
  acceptInvitation: {
    as: "anonymous",
    variables: async () => ({ input: { token: (await newInvitation("accepts")).token, name: "Accepts", password: PASSWORD } }),
    data: { select: "{ token viewer { id } }", id: ["viewer", "id"] },
  },
  changeGroupMemberRole: {
    as: "admin",
    variables: async () => {
      const teacher = await newTeacher("facilitates");
      const member = await app.make.groupMember({ groupId: fx.plcGroupId, userId: teacher.id });
      return { memberId: gid("GroupMember", member.id), role: "FACILITATOR" };
    },
  },
  completeSchoolSignIn: {
    as: "anonymous",
    variables: async () => {
      const code = randomUUID();
      await app.make.signOnHandoff({ userId: (await newTeacher("signs-on")).id, codeHash: hashToken(code) });
      return { code };
    },
    data: { select: "{ token viewer { id } }", id: ["viewer", "id"] },
  },
  configureSingleSignOn: {
    as: "admin",
    variables: () => ({
      input: { schoolId: fx.schoolGid, issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, allowedDomains: ["example.test"] },
    }),
    data: { select: "{ issuer }", id: ["issuer"] },
  },
  createPasswordResetLink: { as: "admin", variables: async () => ({ memberId: (await newTeacher("forgot")).memberGid }) },
  deactivateSchoolMember: { as: "admin", variables: async () => ({ memberId: (await newTeacher("deactivated")).memberGid }) },
  disableSingleSignOn: {
    as: "admin",
    variables: async () => {
      await signOnConfigured();
      return { schoolId: fx.schoolGid };
    },
    data: { select: "{ issuer }", id: ["issuer"] },
  },
  importRoster: {
    as: "admin",
    variables: () => ({
      input: { schoolId: fx.schoolGid, csv: `email,first name,last name,role,grades,subjects\nroster-${randomUUID()}@example.test,Ro,Ster,teacher,4,Math\n` },
    }),
    data: { select: "{ summary }", id: ["summary"] },
  },
  inviteStaff: {
    as: "admin",
    variables: () => ({ input: { schoolId: fx.schoolGid, emails: [`invited-${randomUUID()}@example.test`], role: "TEACHER" } }),
    data: { select: "{ invitations { invitation { id } } }", id: ["invitations", 0, "invitation", "id"] },
  },
  leaveGroup: {
    as: async () => {
      leaver = await newTeacher("leaves-group");
      return (await startSession(prisma(), leaver.id, 3600_000)).token;
    },
    variables: async () => {
      const group = await app.make.group({ schoolId: fx.schoolId, kind: "PEER" });
      for (const userId of [leaver!.id, fx.people.peerMember.id, fx.people.peerMember2.id]) await app.make.groupMember({ groupId: group.id, userId });
      return { groupId: gid("Group", group.id) };
    },
    data: { select: "{ groupId }", id: ["groupId"] },
  },
  reactivateSchoolMember: {
    as: "admin",
    variables: async () => {
      const teacher = await newTeacher("reactivated");
      await prisma().schoolMember.update({ where: { id: teacher.membershipId }, data: { deactivatedAt: new Date() } });
      return { memberId: teacher.memberGid };
    },
  },
  requestPasswordReset: {
    as: "anonymous",
    variables: async () => ({ input: { email: (await newTeacher("requests-reset")).email } }),
    data: { select: "{ email }", id: ["email"] },
  },
  resendInvitation: {
    as: "admin",
    variables: async () => ({ id: (await newInvitation("resent")).gid }),
    data: { select: "{ invitation { id } }", id: ["invitation", "id"] },
  },
  resetPassword: {
    as: "anonymous",
    variables: async () => {
      const token = `srr_${randomUUID()}`;
      await app.make.passwordReset({ userId: (await newTeacher("resets")).id, tokenHash: hashToken(token) });
      return { input: { token, password: "a brand new password" } };
    },
    data: { select: "{ email }", id: ["email"] },
  },
  revokeInvitation: { as: "admin", variables: async () => ({ id: (await newInvitation("revoked")).gid }) },
  testSingleSignOnConnection: {
    as: "admin",
    variables: () => ({ input: { schoolId: fx.schoolGid, issuer: idp.issuer } }),
    data: { select: "{ issuer }", id: ["issuer"] },
  },
  unarchiveGroup: {
    as: "admin",
    variables: async () => ({ groupId: gid("Group", (await app.make.group({ schoolId: fx.schoolId, kind: "PLC", archivedAt: new Date() })).id) }),
  },
  updateSchool: { as: "admin", variables: () => ({ input: { schoolId: fx.schoolGid, subjects: ["Math", "Science"] } }) },
  acceptNorms: { as: "peerMember2", variables: () => ({ groupId: fx.peerGroupGid }) },
  addAgendaItem: { as: "peerMember", variables: () => ({ input: { sessionId: rows.gids.Session, title: "Share a win" } }) },
  applyAgendaTemplate: { as: "peerMember", variables: async () => ({ sessionId: (await newSession()).gid, templateId: "peer-lesson-study" }) },
  addCoachingNote: { as: "coach", variables: () => ({ input: { cycleId: rows.gids.CoachingCycle, body: "Period 3 went well." } }) },
  addCoachingObservation: { as: "coach", variables: () => ({ input: { cycleId: rows.gids.CoachingCycle, body: "Five students explained their reasoning." } }) },
  addCoachingActionStep: { as: "coach", variables: () => ({ input: { cycleId: rows.gids.CoachingCycle, text: "Wait three seconds." } }) },
  setCoachingActionStepDone: { as: "coach", variables: () => ({ coachingActionStepId: rows.gids.CoachingActionStep, done: true }) },
  addFeedback: { as: "peerMember2", variables: () => ({ input: { documentId: rows.gids.Document, kind: "GLOW", body: "Clear steps." } }) },
  addGoalCheckIn: { as: "peerMember", variables: () => ({ goalId: rows.gids.Goal, value: 2.5 }) },
  addGroupMember: [
    {
      as: "plcFacilitator",
      variables: async () => ({ groupId: fx.plcGroupGid, member: { userId: (await newTeacher("plc-joiner")).gid, role: "MEMBER" } }),
    },
    // A peer group grows by its members' invitation.
    { as: "peerMember", variables: async () => ({ groupId: fx.peerGroupGid, member: { userId: (await newTeacher("peer-joiner")).gid } }) },
  ],
  addNorm: { as: "peerMember", variables: () => ({ input: { groupId: fx.peerGroupGid, text: "Phones away." } }) },
  addSchoolMember: { as: "admin", variables: async () => ({ input: { schoolId: fx.schoolGid, email: (await newAccount("joins")).email, role: "TEACHER" } }) },
  advanceCoachingCycle: { as: "coach", variables: () => ({ cycleId: rows.gids.CoachingCycle, to: "LEARN" }) },
  archiveGroup: {
    as: "admin",
    variables: async () => ({ groupId: gid("Group", (await app.make.group({ schoolId: fx.schoolId, kind: "PLC", name: "To archive" })).id) }),
  },
  assignCoach: {
    as: "admin",
    variables: () => ({ input: { schoolId: fx.schoolGid, coachId: fx.people.coach.gid, teacherId: fx.people.otherTeacher.gid, tier: "TARGETED" } }),
  },
  cancelSession: { as: "peerMember", variables: async () => ({ sessionId: (await newSession()).gid }) },
  changeSchoolMemberRole: { as: "admin", variables: async () => ({ memberId: (await newTeacher("promoted")).memberGid, role: "COACH" }) },
  confirmSignUp: {
    as: "anonymous",
    variables: async () => {
      const token = `srl_${randomUUID()}`;
      await app.make.pendingSignUp({
        email: `confirms-${randomUUID()}@example.test`,
        name: "Confirms",
        passwordHash: await hashPassword(PASSWORD),
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + 3600_000),
      });
      return { input: { token, password: PASSWORD } };
    },
    data: { select: "{ token viewer { id } }", id: ["viewer", "id"] },
  },
  createActionItem: { as: "peerMember", variables: () => ({ input: { groupId: fx.peerGroupGid, title: "Try cold calling", ownerIds: [author().gid] } }) },
  createApiToken: {
    as: "peerMember",
    variables: () => ({ input: { schoolId: fx.schoolGid, name: "Dashboard", scopes: ["GROUPS_READ"] } }),
    data: { select: "{ secret apiToken { id } }", id: ["apiToken", "id"] },
  },
  createCalendarFeed: {
    as: "peerMember",
    variables: () => ({ input: { schoolId: fx.schoolGid } }),
    data: { select: "{ url calendarFeed { id } }", id: ["calendarFeed", "id"] },
  },
  createDocument: { as: "peerMember", variables: () => ({ input: { groupId: fx.peerGroupGid, kind: "REFLECTION", title: "What I noticed" } }) },
  createDocumentVersion: { as: "peerMember", variables: () => ({ documentId: rows.gids.Document, name: "Before the meeting" }) },
  createGoal: {
    as: "otherTeacher",
    variables: () => ({
      input: { schoolId: fx.schoolGid, ownerKind: "TEACHER", title: "More wait time", metric: "seconds", baseline: 1, target: 3, dueDate: "2027-06-30" },
    }),
  },
  createGroup: [
    // A teacher who starts a peer group joins it, and must be able to read it at once.
    {
      as: "otherTeacher",
      variables: async () => ({
        input: {
          schoolId: fx.schoolGid,
          kind: "PEER",
          name: "Tuesday peers",
          members: [{ userId: (await newTeacher("peer-a")).gid }, { userId: (await newTeacher("peer-b")).gid }],
        },
      }),
    },
    // A leader who starts a PLC is not in it, and steers it.
    { as: "coach", variables: () => ({ input: { schoolId: fx.schoolGid, kind: "PLC", name: "Grade 5 PLC", gradeLevel: "5" } }) },
  ],
  createSchool: {
    as: async () => (await newAccount("founder")).token,
    variables: () => ({ input: { name: "Maple Middle", slug: `maple-${randomUUID().slice(0, 8)}` } }),
  },
  deleteActionItem: {
    as: "peerMember",
    variables: async () => ({ actionItemId: gid("ActionItem", (await app.make.actionItem({ groupId: peer(), title: "Remove me" })).id) }),
  },
  deleteAssessment: {
    as: "plcFacilitator",
    variables: async () => ({
      assessmentId: gid(
        "Assessment",
        (
          await prisma().assessment.create({
            data: { groupId: fx.plcGroupId, title: "Wrong file", standard: "4.NF.1", administeredOn: new Date("2026-02-01") },
          })
        ).id,
      ),
    }),
  },
  deleteDocument: { as: "peerMember", variables: async () => ({ documentId: await newDocument() }) },
  deleteFeedback: { as: "peerMember", variables: async () => ({ feedbackId: await newFeedback() }) },
  endCoachingAssignment: {
    as: "admin",
    variables: async () => {
      const teacher = await newTeacher("coached");
      const assignment = await app.make.coachingAssignment({ schoolId: fx.schoolId, coachId: fx.people.coach.id, teacherId: teacher.id });
      return { assignmentId: gid("CoachingAssignment", assignment.id) };
    },
  },
  endSession: { as: "peerMember", variables: async () => ({ sessionId: (await newSession({ status: "LIVE" })).gid }) },
  markAgendaItemAddressed: { as: "peerMember", variables: () => ({ agendaItemId: rows.gids.AgendaItem }) },
  recordAssessment: {
    as: "plcMember",
    variables: () => ({
      input: {
        groupId: fx.plcGroupGid,
        title: "Decimals check",
        standard: "4.NF.6",
        administeredOn: "2026-02-01",
        results: [{ studentRef: "s-1", score: 75, proficiency: "MEETS" }],
      },
    }),
  },
  recordAttendance: { as: "peerMember", variables: () => ({ sessionId: rows.gids.Session, userId: fx.people.peerMember2.gid, status: "PRESENT" }) },
  pauseAgendaTimer: { as: "peerMember", variables: async () => ({ agendaItemId: (await newSession({ status: "LIVE", items: 1 })).itemGids[0] }) },
  removeAgendaItem: { as: "peerMember", variables: async () => ({ agendaItemId: (await newSession({ items: 1 })).itemGids[0] }) },
  removeGroupMember: {
    as: "plcFacilitator",
    variables: async () => {
      const teacher = await newTeacher("leaver");
      await app.make.groupMember({ groupId: fx.plcGroupId, userId: teacher.id });
      return { groupId: fx.plcGroupGid, userId: teacher.gid };
    },
  },
  removeNorm: {
    as: "peerMember",
    variables: async () => {
      const position = await prisma().norm.count({ where: { groupId: peer() } });
      return { normId: gid("Norm", (await app.make.norm({ groupId: peer(), position, text: "To remove" })).id) };
    },
  },
  removeSchoolMember: { as: "admin", variables: async () => ({ memberId: (await newTeacher("leaves-school")).memberGid }) },
  renameDocument: { as: "peerMember", variables: () => ({ documentId: rows.gids.Document, title: "Lesson plan, take two" }) },
  resetAgendaTimer: { as: "peerMember", variables: async () => ({ agendaItemId: (await newSession({ status: "LIVE", items: 1 })).itemGids[0] }) },
  reopenFeedback: { as: "peerMember", variables: async () => ({ feedbackId: await newFeedback(true) }) },
  reorderAgendaItems: {
    as: "peerMember",
    variables: async () => {
      const session = await newSession({ items: 2 });
      return { sessionId: session.gid, agendaItemIds: [...session.itemGids].reverse() };
    },
  },
  reorderNorms: {
    as: "peerMember",
    variables: async () => {
      const norms = await prisma().norm.findMany({ where: { groupId: peer() }, orderBy: { position: "desc" } });
      return { groupId: fx.peerGroupGid, normIds: norms.map((n) => gid("Norm", n.id)) };
    },
  },
  markNotificationRead: {
    as: "peerMember",
    variables: async () => ({ notificationId: gid("Notification", (await newNotification()).id) }),
  },
  // Its data is how many were unread: one is made first, so a success says 1.
  markAllNotificationsRead: {
    as: "peerMember",
    variables: async () => {
      await newNotification();
      return {};
    },
  },
  setNotificationPreference: {
    as: "peerMember",
    variables: () => ({ kind: "MENTIONED", delivery: "DAILY_DIGEST" }),
    data: { select: "{ kind delivery }", id: ["kind"] },
  },
  replyToFeedback: { as: "peerMember2", variables: () => ({ feedbackId: rows.gids.Feedback, body: "Good idea, thank you." }) },
  resolveFeedback: { as: "peerMember", variables: async () => ({ feedbackId: await newFeedback() }) },
  restoreDocumentVersion: { as: "peerMember", variables: () => ({ versionId: rows.gids.DocumentVersion }) },
  revokeCalendarFeed: {
    as: "peerMember",
    variables: async () => {
      const made = await app.gql(
        `mutation($input: CreateCalendarFeedInput!) { createCalendarFeed(input: $input) { ... on MutationCreateCalendarFeedSuccess { data { calendarFeed { id } } } } }`,
        { input: { groupId: fx.peerGroupGid } },
        author().token,
      );
      return { calendarFeedId: made.data?.createCalendarFeed.data.calendarFeed.id };
    },
  },
  revokeApiToken: {
    as: "peerMember",
    variables: async () => {
      const { hash, prefix } = newToken("api");
      const token = await app.make.apiToken({ userId: author().id, schoolId: fx.schoolId, name: "Old", prefix, tokenHash: hash });
      return { id: gid("ApiToken", token.id) };
    },
  },
  scheduleSession: {
    as: "peerMember",
    variables: () => ({ input: { groupId: fx.peerGroupGid, title: "Planning", startsAt: "2027-04-01T15:00:00.000Z", agendaItems: [{ title: "Check-in" }] } }),
  },
  shareDocumentWithCoaches: { as: "peerMember", variables: async () => ({ documentId: await newDocument() }) },
  shareInsight: {
    as: "peerMember",
    variables: () => ({ input: { groupId: fx.peerGroupGid, title: "Pauses help", body: "More hands go up.", themes: ["questioning"] } }),
  },
  signIn: {
    as: "anonymous",
    variables: async () => ({ input: { email: (await newAccount("signs-in")).email, password: PASSWORD } }),
    data: { select: "{ token viewer { id } }", id: ["viewer", "id"] },
  },
  signOut: { as: async () => (await newAccount("signs-out")).token, variables: () => ({}) },
  signUp: {
    as: "anonymous",
    variables: () => ({ input: { email: `signs-up-${randomUUID()}@example.test`, password: PASSWORD, name: "Signs Up" } }),
    // Nothing to read back: the account is made by confirmSignUp, and the answer is the same for a taken address.
    data: { select: "{ email }", id: ["email"] },
  },
  startCoachingCycle: {
    as: "coach",
    variables: async () => {
      const teacher = await newTeacher("cycle");
      await app.make.coachingAssignment({ schoolId: fx.schoolId, coachId: fx.people.coach.id, teacherId: teacher.id });
      return { input: { schoolId: fx.schoolGid, teacherId: teacher.gid, goal: "More student talk" } };
    },
  },
  startAgendaTimer: { as: "peerMember", variables: async () => ({ agendaItemId: (await newSession({ status: "LIVE", items: 1 })).itemGids[0] }) },
  startSession: { as: "peerMember", variables: async () => ({ sessionId: (await newSession()).gid }) },
  updateActionItem: { as: "peerMember", variables: () => ({ input: { actionItemId: rows.gids.ActionItem, status: "DONE" } }) },
  updateFeedback: { as: "peerMember", variables: async () => ({ feedbackId: await newFeedback(), body: "Try a three-second pause." }) },
  updateAgendaItem: { as: "peerMember", variables: () => ({ input: { agendaItemId: rows.gids.AgendaItem, title: "Warm-up round", minutes: 5 } }) },
  updateCoachingAssignment: { as: "admin", variables: () => ({ input: { assignmentId: rows.gids.CoachingAssignment, tier: "INTENSIVE", focus: "Routines" } }) },
  updateCoachingCycle: { as: "coach", variables: () => ({ input: { cycleId: rows.gids.CoachingCycle, sharedNotes: "Agreed next steps." } }) },
  updateGoal: { as: "peerMember", variables: () => ({ input: { goalId: rows.gids.Goal, target: 4 } }) },
  updateGroup: { as: "peerMember2", variables: () => ({ input: { groupId: fx.peerGroupGid, meetingCadence: "Every Thursday" } }) },
  updateNorm: { as: "peerMember", variables: () => ({ input: { normId: rows.gids.Norm, text: "Assume positive intent." } }) },
  updateSession: { as: "peerMember", variables: () => ({ input: { sessionId: rows.gids.Session, title: "Renamed meeting", durationMinutes: 50 } }) },
};

// ---- Calling a mutation from the schema. ----

const mutations = Object.values(schema.getMutationType()!.getFields()) as GraphQLField<unknown, unknown>[];

/** The mutation's Success type (where `data` is), or null for a field without typed errors (signOut). */
function successType(field: GraphQLField<unknown, unknown>): GraphQLObjectType | null {
  const returned = getNamedType(field.type);
  if (!isUnionType(returned)) return null;
  return returned.getTypes().find((t) => t.name.endsWith("Success")) ?? null;
}

/** Whether the mutation may answer with a ValidationError (one without inputs to check may not). */
function validates(field: GraphQLField<unknown, unknown>): boolean {
  const returned = getNamedType(field.type);
  return isUnionType(returned) && returned.getTypes().some((type) => type.name === "ValidationError");
}

/** `data`'s selection: `{ id }` where it has an id, the case's own where it needs one, nothing for a scalar. */
function dataSelection(field: GraphQLField<unknown, unknown>, one: Case): string {
  const success = successType(field);
  if (!success) return "";
  const data = getNamedType(success.getFields().data!.type);
  if (!isObjectType(data)) return "data";
  if ("id" in data.getFields()) return "data { id }";
  if (!one.data) throw new Error(`${field.name}: its data (${data.name}) has no id; the case must say what to select`);
  return `data ${one.data.select}`;
}

/** What is at `path` in a payload's data (plain JSON: the selection was built at run time). */
function at(data: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((value, key) => (value as Record<string | number, unknown> | null | undefined)?.[key], data);
}

function operation(field: GraphQLField<unknown, unknown>, one: Case): string {
  const declared = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(", ");
  const passed = field.args.map((a) => `${a.name}: $${a.name}`).join(", ");
  const success = successType(field);
  const selection = success
    ? `{ __typename ... on ${success.name} { ${dataSelection(field, one)} } ... on BaseError { code message } ${validates(field) ? "... on ValidationError { issues { path message } }" : ""} }`
    : "";
  return `mutation${declared ? `(${declared})` : ""} { ${field.name}${passed ? `(${passed})` : ""} ${selection} }`;
}

async function tokenOf(one: Case): Promise<string | null> {
  if (one.as === "anonymous") return null;
  if (typeof one.as === "function") return one.as();
  return fx.people[one.as].token;
}

const casesOf = (name: string): Case[] => {
  const found = CASES[name];
  return found === undefined ? [] : Array.isArray(found) ? found : [found];
};

describe("every mutation returns what it wrote to its caller", () => {
  it("has a case for every mutation of the schema, and none for a mutation that is gone", () => {
    expect(Object.keys(CASES).sort()).toEqual(mutations.map((m) => m.name).sort());
  });

  const calls = mutations.flatMap((field) => casesOf(field.name).map((one, i) => ({ label: `${field.name}${i > 0 ? ` (${i + 1})` : ""}`, field, one })));
  it.each(calls)("$label", async ({ field, one }) => {
    const token = await tokenOf(one);
    const variables = await one.variables();
    const res = await app.gql(operation(field, one), variables, token);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const payload = res.data?.[field.name];
    const success = successType(field);
    if (!success) {
      expect(payload).toBe(true);
      return;
    }
    expect(payload, JSON.stringify(payload)).toMatchObject({ __typename: success.name });
    const data = getNamedType(success.getFields().data!.type);
    if (!isObjectType(data)) {
      expect(payload.data).toBeTruthy();
      return;
    }
    const id = "id" in data.getFields() ? payload.data.id : at(payload.data, one.data!.id);
    expect(id).toEqual(expect.any(String));
    // The caller reads the same row again: the payload and a later read agree on what they may see.
    const isNode = data.getInterfaces().some((type) => type.name === "Node");
    if (isNode && token !== null && field.name !== "signOut") {
      const again = await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id }, token);
      expect(again.data?.node, `${field.name}: node(${id}) as the caller`).toEqual({ id });
    }
  });
});

describe("a failed mutation writes nothing", () => {
  const failures: { label: string; as: ActorKey; query: string; variables: () => Record<string, unknown> | Promise<Record<string, unknown>>; code: string }[] =
    [
      {
        label: "createGroup: a peer group with someone from another school",
        as: "otherTeacher",
        query: `mutation($input: CreateGroupInput!) { createGroup(input: $input) { __typename ... on BaseError { code } } }`,
        variables: async () => ({
          input: {
            schoolId: fx.schoolGid,
            kind: "PEER",
            name: "Across schools",
            members: [{ userId: fx.people.peerMember.gid }, { userId: (await newTeacher("elsewhere", fx.otherSchoolId)).gid }],
          },
        }),
        code: "VALIDATION_FAILED",
      },
      {
        label: "createGroup: a PLC started by a teacher",
        as: "otherTeacher",
        query: `mutation($input: CreateGroupInput!) { createGroup(input: $input) { __typename ... on BaseError { code } } }`,
        variables: () => ({ input: { schoolId: fx.schoolGid, kind: "PLC", name: "Not mine to start" } }),
        code: "FORBIDDEN",
      },
      {
        label: "createSchool: an address another school has",
        as: "otherTeacher",
        query: `mutation($input: CreateSchoolInput!) { createSchool(input: $input) { __typename ... on BaseError { code } } }`,
        variables: async () => ({ input: { name: "Copycat", slug: (await prisma().school.findUniqueOrThrow({ where: { id: fx.schoolId } })).slug } }),
        code: "CONFLICT",
      },
      {
        label: "scheduleSession: an agenda item too long, after a valid one",
        as: "peerMember",
        query: `mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { __typename ... on BaseError { code } } }`,
        variables: () => ({
          input: {
            groupId: fx.peerGroupGid,
            title: "Half valid",
            startsAt: "2027-05-01T15:00:00.000Z",
            agendaItems: [{ title: "Fine" }, { title: "x".repeat(5000) }],
          },
        }),
        code: "VALIDATION_FAILED",
      },
      {
        label: "recordAssessment: the same student twice",
        as: "plcMember",
        query: `mutation($input: RecordAssessmentInput!) { recordAssessment(input: $input) { __typename ... on BaseError { code } } }`,
        variables: () => ({
          input: {
            groupId: fx.plcGroupGid,
            title: "Twice",
            standard: "4.NF.7",
            administeredOn: "2026-02-02",
            results: [
              { studentRef: "s-9", score: 70, proficiency: "MEETS" },
              { studentRef: "s-9", score: 60, proficiency: "APPROACHING" },
            ],
          },
        }),
        code: "VALIDATION_FAILED",
      },
      {
        label: "addSchoolMember: a coach adding staff",
        as: "coach",
        query: `mutation($input: AddSchoolMemberInput!) { addSchoolMember(input: $input) { __typename ... on BaseError { code } } }`,
        variables: async () => ({ input: { schoolId: fx.schoolGid, email: (await newAccount("not-added")).email, role: "TEACHER" } }),
        code: "FORBIDDEN",
      },
      {
        label: "changeSchoolMemberRole: the last admin stepping down",
        as: "admin",
        query: `mutation($m: ID!) { changeSchoolMemberRole(memberId: $m, role: TEACHER) { __typename ... on BaseError { code } } }`,
        variables: async () => ({
          m: gid("SchoolMember", (await prisma().schoolMember.findFirstOrThrow({ where: { schoolId: fx.schoolId, userId: fx.people.admin.id } })).id),
        }),
        code: "RULE_VIOLATION",
      },
      {
        label: "addGroupMember: a seventh member of a peer group",
        as: "peerMember",
        query: `mutation($g: ID!, $u: ID!) { addGroupMember(groupId: $g, member: { userId: $u }) { __typename ... on BaseError { code } } }`,
        variables: async () => {
          const group = await app.make.group({ schoolId: fx.schoolId, kind: "PEER" });
          await app.make.groupMember({ groupId: group.id, userId: author().id });
          for (let i = 0; i < 5; i++) await app.make.groupMember({ groupId: group.id, userId: (await newTeacher(`sixth-${i}`)).id });
          return { g: gid("Group", group.id), u: (await newTeacher("seventh")).gid };
        },
        code: "RULE_VIOLATION",
      },
      {
        label: "startCoachingCycle: a teacher not assigned to the coach",
        as: "coach",
        query: `mutation($input: StartCoachingCycleInput!) { startCoachingCycle(input: $input) { __typename ... on BaseError { code } } }`,
        variables: () => ({ input: { schoolId: fx.schoolGid, teacherId: fx.people.plcMember.gid, goal: "Unassigned" } }),
        code: "VALIDATION_FAILED",
      },
    ];

  it.each(failures)("$label", async ({ as, query, variables, code }) => {
    const values = await variables();
    const before = await databaseContents(prisma());
    const res = await app.gql(query, values, fx.people[as].token);
    // A refusal is a GraphQL error (the field's authScopes) or a typed error (the command's policy).
    const payload = Object.values(res.data ?? {})[0] as { code?: string } | null;
    expect(payload?.code ?? res.errors?.[0]?.extensions?.code, JSON.stringify(res)).toBe(code);
    expect(await databaseContents(prisma())).toEqual(before);
  });
});
