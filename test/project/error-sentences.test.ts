// Nobody ever reads an error code in the web app: every code of schema.graphql's ErrorCode enum
// has a sentence in web/src/graphql/error-sentences.ts (the one place codes become words), and
// what the GraphQL machinery says ("Not authorized to read fields for School") is never shown.
import { readFileSync } from "node:fs";
import path from "node:path";
import { buildSchema, type GraphQLEnumType } from "graphql";
import { describe, expect, it } from "vitest";
import { ERROR_SENTENCES, fieldLabel, issueWithField, refusalSentence, sentenceForCode } from "../../web/src/graphql/error-sentences.ts";

const schema = buildSchema(readFileSync(path.resolve(import.meta.dirname, "../../schema.graphql"), "utf8"));
const errorCodes = (schema.getType("ErrorCode") as GraphQLEnumType).getValues().map((value) => value.name);
const CODE = /\b[A-Z]{2,}(?:_[A-Z]+)+\b/;

describe("every error code has a sentence", () => {
  it("reads the codes from the schema (the check is not vacuous)", () => {
    expect(errorCodes).toContain("VALIDATION_FAILED");
    expect(errorCodes.length).toBeGreaterThan(5);
  });

  it.each(errorCodes)("%s", (code) => {
    const sentence = (ERROR_SENTENCES as Record<string, string>)[code];
    expect(sentence, `web/src/graphql/error-sentences.ts has no sentence for ${code}`).toBeTruthy();
    expect(sentence).toMatch(/^[A-Z].*[.!?]$/);
    expect(sentence).not.toMatch(CODE);
    expect(sentenceForCode(code)).toBe(sentence);
  });

  it("has no sentence for a code the schema no longer has", () => {
    expect(Object.keys(ERROR_SENTENCES).filter((code) => !errorCodes.includes(code))).toEqual([]);
  });

  it("says something for refusals and for codes it has never heard of, never the code", () => {
    for (const code of ["FORBIDDEN", "UNAUTHENTICATED", "BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED", "INTERNAL_SERVER_ERROR", "HTTP 500", undefined]) {
      const sentence = sentenceForCode(code);
      expect(sentence).toMatch(/^[A-Z].*[.!?]$/);
      expect(sentence).not.toMatch(CODE);
    }
  });
});

describe("what the server says", () => {
  it("is shown when it is written for people, and replaced when it is the machinery's", () => {
    expect(refusalSentence("FORBIDDEN", "Only the school's admins can change its settings.")).toBe("Only the school's admins can change its settings.");
    expect(refusalSentence("FORBIDDEN", "Not authorized to read fields for School")).toBe("You do not have access to this.");
    expect(refusalSentence("GRAPHQL_VALIDATION_FAILED", 'Cannot query field "x" on type "Query".')).toMatch(/^Something went wrong/);
    expect(refusalSentence("VALIDATION_FAILED", "input.email: must be an email address")).toBe(ERROR_SENTENCES.VALIDATION_FAILED);
  });

  it("names a field in words, and makes an issue a sentence", () => {
    expect(fieldLabel("input.timeZone")).toBe("Time zone");
    expect(fieldLabel("input.subjects.0")).toBe("Subjects");
    expect(issueWithField({ path: "input.password", message: "must be at least 10 characters" })).toBe("Password must be at least 10 characters.");
    expect(issueWithField({ path: "", message: "choose at least one scope" })).toBe("Choose at least one scope.");
  });
});
