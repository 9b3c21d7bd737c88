// The two emails a sign-up sends: to a new address, the link that creates the account; to an
// address that already has one, a note saying so (and nothing changes). Only the owner of the
// mailbox learns which it was.
//
// Nothing the caller typed appears in them (not even the name): sign-up sends email to any
// address anyone enters, and it must not become a way to put someone else's words in a stranger's inbox.
import { composeEmail, type Email } from "./compose.ts";

/** The web app's page that finishes a sign-up (web/src/app/paths.ts, `confirmSignUp`). */
export const CONFIRM_SIGN_UP_PATH = "/confirm-sign-up";

export function confirmSignUpEmail(to: string, { publicUrl, token, validHours }: { publicUrl: string; token: string; validHours: number }): Email {
  const link = `${publicUrl}${CONFIRM_SIGN_UP_PATH}?token=${encodeURIComponent(token)}`;
  return composeEmail(to, "Finish signing up for Staffroom", [
    "Someone, hopefully you, asked to create a Staffroom account with this email address.",
    `To finish signing up, open this link within ${validHours} hours and enter the password you chose:`,
    { link },
    "If it was not you, ignore this email: no account is created without the link and that password.",
  ]);
}

export function alreadyRegisteredEmail(to: string, { publicUrl }: { publicUrl: string }): Email {
  return composeEmail(to, "Signing up for Staffroom", [
    "Someone, hopefully you, tried to sign up for Staffroom with this email address, but it already has an account.\nNothing was changed.",
    "If it was you, sign in instead:",
    { link: `${publicUrl}/sign-in` },
    "If it was not you, you can ignore this email.",
  ]);
}
