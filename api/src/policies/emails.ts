// Who may read an email in the app's outbox. Everyone may read the emails sent to them. A
// school's admins may read the school's account emails (invitations, password resets, account
// notices): what they would otherwise have to ask a mail server for when someone says "I got
// nothing". Never notification or digest emails to others: those can carry a peer group's words,
// which leadership does not read.
//
// A real sign-in only, never an integrator's API token: account emails hold links that set
// passwords and accept invitations.
import type { EmailKind } from "../generated/prisma/enums.ts";
import type { Actor, UserActor } from "./actor.ts";

export const ACCOUNT_EMAIL_KINDS: readonly EmailKind[] = ["INVITATION", "PASSWORD_RESET", "ACCOUNT_NOTICE"];

type EmailFacts = { userId: string | null; schoolId: string | null; kind: EmailKind };

function signedInPerson(actor: Actor): actor is UserActor {
  return actor.kind === "user" && actor.authSessionId !== null;
}

/** Admin of this school, by a real sign-in. */
export function canReadSchoolOutbox(actor: Actor, schoolId: string): boolean {
  return signedInPerson(actor) && actor.schools.get(schoolId) === "ADMIN";
}

export function canReadEmail(actor: Actor, email: EmailFacts): boolean {
  if (!signedInPerson(actor)) return false;
  if (email.userId === actor.userId) return true;
  return email.schoolId !== null && ACCOUNT_EMAIL_KINDS.includes(email.kind) && canReadSchoolOutbox(actor, email.schoolId);
}

const NOTHING = { id: { in: [] as string[] } };

/** The `where` of a school's outbox: its account emails, for its admins; nothing for anyone else. */
export function schoolOutboxWhere(actor: Actor, schoolId: string, kind: EmailKind | null | undefined) {
  if (!canReadSchoolOutbox(actor, schoolId) || (kind && !ACCOUNT_EMAIL_KINDS.includes(kind))) return NOTHING;
  return { schoolId, kind: kind ? kind : { in: [...ACCOUNT_EMAIL_KINDS] } };
}

/** The `where` of "my emails": those sent to the signed-in person. */
export function myEmailsWhere(actor: Actor) {
  return signedInPerson(actor) ? { userId: actor.userId } : NOTHING;
}
