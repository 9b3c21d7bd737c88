// The email an invitation sends: who invites, to which school, as what, and the link. The school's
// and the admin's names are the only words in it that someone typed, and both come from the
// school's own admins (escaped in the HTML like every word, compose.ts).
import { composeEmail, type Email } from "./compose.ts";

export function invitationEmail(
  to: string,
  { schoolName, inviterName, role, link, validDays }: { schoolName: string; inviterName: string | null; role: string; link: string; validDays: number },
): Email {
  return composeEmail(to, `Join ${schoolName} on Staffroom`, [
    `${inviterName ?? "An admin"} invited you to join ${schoolName} on Staffroom as ${role}.\nStaffroom is where the teachers of your school plan, give each other feedback and improve together.`,
    `To accept, open this link within ${validDays} days:`,
    { link },
    "If you did not expect this email, you can ignore it: nothing happens until the link is opened and accepted.",
  ]);
}
