// "Test connection" on the admin page: does this issuer answer OpenID Connect discovery? Nothing
// is saved. Admins only, signed in: the server fetches the URL, so strangers may not point it anywhere.
import { forbidden } from "../domain/errors.ts";
import { canManageSingleSignOn } from "../policies/single-sign-on.ts";
import { checkProvider } from "./configureSingleSignOn.ts";
import type { Caller } from "./run-command.ts";

export async function testSingleSignOnConnection(caller: Caller, input: { schoolId: string; issuer: string }) {
  if (!canManageSingleSignOn(caller.actor, input.schoolId)) throw forbidden();
  return checkProvider(caller, input.issuer);
}
