// The one place that turns an error code into words for people. The api's codes (ErrorCode in
// schema.graphql, and the codes of refusals in a GraphQL error's extensions) are for programs:
// nobody ever sees one. Every ErrorCode has a sentence here (mutation-outcome.ts makes the
// compiler check it, and test/project/error-sentences.test.ts checks it against schema.graphql).
//
// No imports: plain data and string functions, so the tests can read it as it is.

/** A sentence for each typed error's code (BaseError.code). */
export const ERROR_SENTENCES = {
  VALIDATION_FAILED: "Some of what you entered needs a change.",
  NOT_FOUND: "This could not be found. It may have been removed, or it is not yours to see.",
  CONFLICT: "This clashes with something that already exists.",
  INVALID_CREDENTIALS: "That email and password do not match an account.",
  RATE_LIMITED: "Too many attempts. Wait a little, then try again.",
  RULE_VIOLATION: "Staffroom's rules do not allow this.",
  ARCHIVED: "This group is archived, so it can no longer be changed.",
  INVALID_STATE: "This cannot be done at this stage.",
  LINK_EXPIRED: "This link has expired or was already used.",
  INVALID_ROSTER: "The file has problems, listed by row and column. Nothing was imported.",
} as const;

/** Refusals and failures that arrive as GraphQL errors (extensions.code) or from the network. */
const REFUSAL_SENTENCES: Record<string, string> = {
  FORBIDDEN: "You do not have access to this.",
  UNAUTHENTICATED: "Your session has ended. Sign in again.",
  BAD_USER_INPUT: "Something in this request was not valid. Reload the page and try again.",
  NETWORK: "Staffroom could not be reached. Check the connection and try again.",
  "HTTP 401": "Your session has ended. Please sign in again.",
};

const FALLBACK = "Something went wrong on our side. Reload the page and try again.";

/** The sentence for any code: a typed error's, a refusal's, or a general one for anything else. */
export function sentenceForCode(code: string | undefined): string {
  if (!code) return FALLBACK;
  return (ERROR_SENTENCES as Record<string, string>)[code] ?? REFUSAL_SENTENCES[code] ?? (code.startsWith("HTTP ") ? REFUSAL_SENTENCES["NETWORK"]! : FALLBACK);
}

/**
 * What to show for a refusal the server explained: its message when it is written for people
 * (a sentence: "Only the school's admins can change its settings."), else the code's sentence.
 * Messages of the GraphQL machinery ("Not authorized to read fields for School", "Cannot query
 * field …") are never shown.
 */
export function refusalSentence(code: string | undefined, message: string): string {
  const written = /^[A-Z][^_]*[.!?]$/.test(message.trim()) && !/^(Not authorized|Cannot |Unexpected error|Variable |Field |Unknown )/.test(message);
  return written ? message.trim() : sentenceForCode(code);
}

/** "input.timeZone" → "Time zone"; "input.subjects.0" → "Subjects"; "" → "". */
export function fieldLabel(path: string): string {
  const name = path
    .split(".")
    .filter((part) => part !== "input" && !/^\d+$/.test(part))
    .at(-1);
  if (!name) return "";
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The field a validation issue is about: the last named part of its path ("input.subjects.0" → "subjects"). */
export function issueField(path: string): string {
  return (
    path
      .split(".")
      .filter((part) => part !== "input" && !/^\d+$/.test(part))
      .at(-1) ?? ""
  );
}

/** An issue's message as a sentence of its own: "must be at least 10 characters" → "Must be at least 10 characters." */
export function issueSentence(message: string): string {
  const trimmed = message.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** An issue as a sentence that names its field: "Password must be at least 10 characters." */
export function issueWithField(issue: { path: string; message: string }): string {
  const label = fieldLabel(issue.path);
  if (!label) return issueSentence(issue.message);
  const message = issue.message.trim();
  const sentence = /^[a-z]/.test(message) ? `${label} ${message}` : `${label}: ${message}`;
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}
