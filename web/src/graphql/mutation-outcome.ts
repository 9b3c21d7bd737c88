// A mutation either succeeded (its payload's __typename ends in "Success") or failed: with a
// transport / authorization error (CombinedError) or a typed one. Every mutation spreads
// `...MutationError` beside its Success type, so a typed failure always carries the same fields.
// gql.tada masks a spread fragment, so its fields are read here, through readFragment, and
// callers get typed errors without reading the fragment themselves.
import type { CombinedError } from "urql";
import type { ShowableError } from "../ui/states.tsx";
import type { ERROR_SENTENCES } from "./error-sentences.ts";
import { graphql, readFragment, type FragmentOf, type ResultOf } from "./graphql.ts";

export const MutationErrorFragment = graphql(`
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

export type MutationError = ResultOf<typeof MutationErrorFragment>;

/** Every ErrorCode of the schema has a sentence for people (error-sentences.ts): a new code without one fails to compile. */
type EveryCodeHasASentence = MutationError["code"] extends keyof typeof ERROR_SENTENCES ? true : never;
export const everyCodeHasASentence: EveryCodeHasASentence = true;

type SuccessPayload = { __typename: `${string}Success` };
type FailurePayload = { __typename: string } & FragmentOf<typeof MutationErrorFragment>;
type Payload = SuccessPayload | FailurePayload;

type MutationResult<Field extends string, Data extends { [K in Field]?: Payload | null }> = {
  error?: CombinedError | undefined;
  data?: Data | null | undefined;
};

export type MutationOutcome<P> = { ok: true; payload: Extract<P, SuccessPayload> } | { ok: false; failure: ShowableError };

function succeeded<P extends Payload>(payload: P): payload is Extract<P, SuccessPayload> {
  return payload.__typename.endsWith("Success");
}

/** The typed error a failed payload carries (its `...MutationError` fields). */
export function mutationError(payload: FailurePayload): MutationError {
  return readFragment(MutationErrorFragment, payload);
}

/** What ErrorState shows for a typed error: the issues only when the server listed some. */
function showable(error: MutationError): ShowableError {
  return { code: error.code, message: error.message, issues: "issues" in error ? error.issues : null };
}

/**
 * The outcome of `result.data[field]`: the Success payload, or a failure ErrorState can show. The
 * field is a key of the mutation's result, so a typo or a payload without `...MutationError` is a
 * type error.
 */
export function mutationOutcome<Field extends string, Data extends { [K in Field]?: Payload | null }>(
  result: MutationResult<Field, Data>,
  field: Field,
): MutationOutcome<NonNullable<Data[Field]>> {
  if (result.error) return { ok: false, failure: result.error };
  const payload = result.data?.[field] as NonNullable<Data[Field]> | null | undefined;
  if (!payload) return { ok: false, failure: "The server sent no answer. Try again." };
  if (succeeded(payload)) return { ok: true, payload };
  return { ok: false, failure: showable(mutationError(payload as FailurePayload)) };
}

/** Null when the mutation succeeded, else the failure to show. */
export function mutationFailure<Field extends string, Data extends { [K in Field]?: Payload | null }>(
  result: MutationResult<Field, Data>,
  field: Field,
): ShowableError | null {
  const outcome = mutationOutcome(result, field);
  return outcome.ok ? null : outcome.failure;
}
