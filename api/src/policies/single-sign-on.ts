// Who may see and change a school's single sign-on. Its admins, signed in as themselves: the
// provider decides who can sign in as whom at the school, so an integrator's API token (whatever
// its scopes) never configures it or reads it. Everyone else is answered as if it did not exist.
import { schoolRole, type Actor } from "./actor.ts";

export function canManageSingleSignOn(actor: Actor, schoolId: string): boolean {
  return actor.kind === "user" && actor.apiToken === null && actor.authSessionId !== null && schoolRole(actor, schoolId) === "ADMIN";
}
