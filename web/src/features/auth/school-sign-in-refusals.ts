// Why signing in with the school's account did not work, in a sentence. The api sends people
// back to the sign-in page with one of these reasons (`?school-sign-in=<reason>`, its list is
// api/src/domain/single-sign-on.ts); the reason itself is never shown.
const SENTENCES: Record<string, string> = {
  "no-school":
    "No school signs in to Staffroom with accounts of that email address. Sign in with your email and password, or ask your school's Staffroom admin.",
  "provider-unavailable":
    "Your school's sign-in service could not be reached. Try again in a moment; if it keeps happening, tell your school's Staffroom admin.",
  cancelled: "Signing in with your school account was cancelled. Try again when you are ready.",
  expired: "That sign-in took too long, was already used, or was started in another browser. Start again below.",
  disabled: "Your school has turned off signing in with school accounts. Sign in with your email and password.",
  "unverified-email":
    "Your school's sign-in service did not confirm that this email address is yours, so Staffroom cannot sign you in with it. Ask your school's IT team.",
  "wrong-domain": "The account you chose at your school's sign-in is not one of your school's addresses. Try again with your school account.",
  "not-a-member": "Your school has not added this address to Staffroom yet. Ask your school's Staffroom admin to add you.",
  deactivated: "Your school's admins have turned off your Staffroom account. Ask one of them if you think this is a mistake.",
  "other-school": "Your Staffroom account also belongs to another school that does not use this sign-in, so it signs in with its email and password.",
  failed:
    "Your school's sign-in answered in a way Staffroom could not verify, so you were not signed in. Try again; if it keeps happening, tell your school's Staffroom admin.",
  "rate-limited": "Too many sign-in attempts for this address. Wait a few minutes, then try again.",
};

export const SCHOOL_SIGN_IN_PARAM = "school-sign-in";

export function refusalSentence(reason: string): string {
  return SENTENCES[reason] ?? "Signing in with your school account did not work. Try again.";
}
