// The domain's failures. Expected ones (DomainError) are thrown by commands and policies and
// returned as typed errors in the schema (errors plugin, schema/error-types.ts); codes are stable:
// clients and integrators switch on them. Refusals (forbidden, unauthenticated) are GraphQL errors
// with a code in their extensions, not schema types: the caller may not even know the thing exists.
import { GraphQLError } from "graphql";

export const ERROR_CODES = [
  "VALIDATION_FAILED",
  "NOT_FOUND",
  "CONFLICT",
  "INVALID_CREDENTIALS",
  "RATE_LIMITED",
  "RULE_VIOLATION",
  "ARCHIVED",
  "INVALID_STATE",
  "LINK_EXPIRED",
  "INVALID_ROSTER",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
}

export type FieldIssue = { path: string; message: string };

export class ValidationError extends DomainError {
  readonly code = "VALIDATION_FAILED";
  constructor(
    readonly issues: FieldIssue[],
    message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; "),
  ) {
    super(message);
  }
  static field(path: string, message: string) {
    return new ValidationError([{ path, message }]);
  }
}

export class NotFoundError extends DomainError {
  readonly code = "NOT_FOUND";
  constructor(what: string) {
    super(`${what} was not found.`);
  }
}

export class ConflictError extends DomainError {
  readonly code = "CONFLICT";
}

/** A domain rule said no: a peer group's size, an archived group, a meeting already ended. */
export class RuleViolationError extends DomainError {
  constructor(
    message: string,
    readonly code: "RULE_VIOLATION" | "ARCHIVED" | "INVALID_STATE" = "RULE_VIOLATION",
  ) {
    super(message);
  }
}

export class InvalidCredentialsError extends DomainError {
  readonly code = "INVALID_CREDENTIALS";
  constructor(message = "That email and password do not match an account.") {
    super(message);
  }
}

/** A link from an email (finishing a sign-up) that is unknown, used up or past its expiry: one answer for all three. */
export class ExpiredLinkError extends DomainError {
  readonly code = "LINK_EXPIRED";
  constructor(message = "This link has expired or was already used. Sign up again.") {
    super(message);
  }
}

/** A roster file (CSV) with problems: every one of them, by row and column; nothing was imported. */
export class RosterImportError extends DomainError {
  readonly code = "INVALID_ROSTER";
  constructor(readonly problems: { row: number | null; column: string | null; message: string }[]) {
    super(
      problems.length === 1 && problems[0]!.row === null
        ? `${problems[0]!.message} Nothing was imported.`
        : `The file has ${problems.length === 1 ? "a problem" : `${problems.length} problems`}, so nothing was imported. Fix ${problems.length === 1 ? "it" : "them"} and upload the file again.`,
    );
  }
}

export class RateLimitedError extends DomainError {
  readonly code = "RATE_LIMITED";
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many attempts. Try again in ${retryAfterSeconds} seconds.`);
  }
}

/** Authorization failures are GraphQL errors (not schema types): the caller may not even know the thing exists. */
export function forbidden(message = "You do not have access to this."): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "FORBIDDEN" } });
}

export function unauthenticated(message = "Sign in first."): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "UNAUTHENTICATED" } });
}
