// The emails of "forgot password": to an address with an account, the link that sets a new
// password; to one without, a note saying so (so the answer on the page can be the same for
// both, and only the mailbox's owner learns which it was). When an admin makes a link for a
// member, the member is told; when a password changes, its owner is told.
//
// Nothing the caller typed appears in them: anyone can ask for a reset for any address.
import { composeEmail, type Email } from "./compose.ts";

/** The web app's page that sets a new password (web/src/app/paths.ts, `resetPassword`). */
export const RESET_PASSWORD_PATH = "/reset-password";

export function passwordResetLink(publicUrl: string, token: string): string {
  return `${publicUrl}${RESET_PASSWORD_PATH}?token=${encodeURIComponent(token)}`;
}

export function resetPasswordEmail(to: string, { link, validMinutes }: { link: string; validMinutes: number }): Email {
  return composeEmail(to, "Set a new Staffroom password", [
    "Someone, hopefully you, asked to set a new password for the Staffroom account with this email address.",
    `To choose a new password, open this link within ${validMinutes} minutes. It works once:`,
    { link },
    "Setting a new password signs the account out everywhere else.\nIf it was not you, ignore this email: your password stays as it is.",
  ]);
}

export function noAccountEmail(to: string, { publicUrl }: { publicUrl: string }): Email {
  return composeEmail(to, "Setting a Staffroom password", [
    "Someone, hopefully you, asked to set a new Staffroom password for this email address, but no Staffroom account uses it.",
    "If you have an account, it may use another of your addresses. To create one:",
    { link: `${publicUrl}/sign-up` },
    "If it was not you, you can ignore this email.",
  ]);
}

export function adminMadeResetLinkEmail(to: string, { schoolName, validMinutes }: { schoolName: string; validMinutes: number }): Email {
  return composeEmail(to, "A link to set your Staffroom password was made", [
    `An admin of ${schoolName} made a link that sets a new password for your Staffroom account. It works once, within ${validMinutes} minutes.`,
    "If you asked them for it, there is nothing more to do. If you did not, tell them, and ask your school who made it.",
  ]);
}

export function passwordChangedEmail(to: string, { publicUrl }: { publicUrl: string }): Email {
  return composeEmail(to, "Your Staffroom password was changed", [
    "The password of your Staffroom account was just changed, and the account was signed out everywhere.",
    "If it was you, sign in with the new password:",
    { link: `${publicUrl}/sign-in` },
    "If it was not you, set a new password at once from the sign-in page (Forgot password) and tell your school's admin.",
  ]);
}
