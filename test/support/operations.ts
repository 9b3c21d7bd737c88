// Operations many test files share, and the two checks nearly every mutation test makes: the
// call went through without errors, and the payload is its Success type (narrowed, so the test
// reads `data` without casts).
import { expect } from "vitest";
import type { GqlResult } from "./app.ts";
import { graphql } from "./graphql.ts";

/** Every typed failure of a mutation: spread beside its Success type, as the web app does. */
export const MutationError = graphql(`
  fragment MutationError on BaseError {
    __typename
    code
    message
    ... on ValidationError {
      issues {
        path
        message
      }
    }
  }
`);

type Payload = { __typename: string };
export type Success<P> = Extract<P, { __typename: `${string}Success` }>;
export type Failure<P> = Exclude<P, { __typename: `${string}Success` }>;

/** The data of a call that must not have failed. */
export function dataOf<T>(result: GqlResult<T>): T {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as T;
}

/** The payload of a mutation that must have succeeded, narrowed to its Success type. */
export function succeeded<P extends Payload>(payload: P | null | undefined): Success<P> {
  expect(payload?.__typename, JSON.stringify(payload)).toMatch(/Success$/);
  return payload as Success<P>;
}

/** The payload of a mutation that must have failed with a typed error, narrowed to the failures. */
export function failed<P extends Payload>(payload: P | null | undefined): Failure<P> {
  expect(payload?.__typename, JSON.stringify(payload)).not.toMatch(/Success$/);
  return payload as Failure<P>;
}
