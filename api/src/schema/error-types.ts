// The typed errors of the schema: a BaseError interface with a stable `code`, and one object
// type per error class. Mutations list the ones they can return (errors plugin).
import { builder } from "./builder.ts";
import {
  ConflictError,
  DomainError,
  ERROR_CODES,
  ExpiredLinkError,
  InvalidCredentialsError,
  NotFoundError,
  RateLimitedError,
  RuleViolationError,
  ValidationError,
  type FieldIssue,
} from "../domain/errors.ts";

export const ErrorCodeEnum = builder.enumType("ErrorCode", { values: ERROR_CODES });

export const BaseErrorInterface = builder.interfaceRef<DomainError>("BaseError").implement({
  description: "An expected failure. `code` is stable; `message` is written for people.",
  fields: (t) => ({
    code: t.field({ type: ErrorCodeEnum, resolve: (e) => e.code }),
    message: t.exposeString("message"),
  }),
});

const FieldIssueRef = builder.objectRef<FieldIssue>("FieldIssue").implement({
  fields: (t) => ({
    path: t.exposeString("path", { description: "Dotted path of the input field, empty for the whole input." }),
    message: t.exposeString("message"),
  }),
});

builder.objectType(ValidationError, {
  name: "ValidationError",
  interfaces: [BaseErrorInterface],
  fields: (t) => ({ issues: t.field({ type: [FieldIssueRef], resolve: (e) => e.issues }) }),
});
builder.objectType(NotFoundError, { name: "NotFoundError", interfaces: [BaseErrorInterface] });
builder.objectType(ConflictError, { name: "ConflictError", interfaces: [BaseErrorInterface] });
builder.objectType(RuleViolationError, { name: "RuleViolationError", interfaces: [BaseErrorInterface] });
builder.objectType(InvalidCredentialsError, { name: "InvalidCredentialsError", interfaces: [BaseErrorInterface] });
builder.objectType(ExpiredLinkError, { name: "ExpiredLinkError", interfaces: [BaseErrorInterface] });
builder.objectType(RateLimitedError, {
  name: "RateLimitedError",
  interfaces: [BaseErrorInterface],
  fields: (t) => ({ retryAfterSeconds: t.exposeInt("retryAfterSeconds") }),
});

/** The errors almost every mutation can return. */
export const COMMON_ERRORS = [ValidationError, NotFoundError, ConflictError, RuleViolationError];
