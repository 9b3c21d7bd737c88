// Loading, error and empty states, the same everywhere so people learn them once.
import type { ReactNode } from "react";
import type { CombinedError } from "urql";
import { ERROR_SENTENCES, issueField, issueSentence, issueWithField, refusalSentence, sentenceForCode } from "../graphql/error-sentences.ts";
import { Button } from "./Button.tsx";

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <div className="state state--loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

/** A typed failure from a mutation result (the `MutationError` fragment: code, message, issues). */
export type BaseErrorLike = { code: string; message: string; issues?: readonly { path: string; message: string }[] | null };

export type ShowableError = CombinedError | BaseErrorLike | Error | string;

export type ErrorDetail = { message: string; code?: string; issues?: readonly { path: string; message: string }[] };

/**
 * Turns any error we may show into sentences for people (graphql/error-sentences.ts), keeping
 * the api's code for logic only: a code is never shown.
 */
export function describeError(error: ShowableError): ErrorDetail[] {
  if (typeof error === "string") return [{ message: error }];
  if (isCombinedError(error)) {
    const details: ErrorDetail[] = error.graphQLErrors.map((graphQLError) => {
      const code = graphQLError.extensions?.["code"];
      return { message: refusalSentence(typeof code === "string" ? code : undefined, graphQLError.message), ...(typeof code === "string" ? { code } : {}) };
    });
    if (error.networkError) {
      const status = error.response?.status as number | undefined;
      const code = status ? `HTTP ${status}` : "NETWORK";
      details.push({ message: sentenceForCode(code), code });
    }
    return details.length > 0 ? details : [{ message: sentenceForCode(undefined) }];
  }
  if ("code" in error && typeof error.code === "string") {
    const issues = "issues" in error && error.issues ? error.issues : undefined;
    // A ValidationError's message lists its issues by path, for programs; people get a sentence and the issues in words.
    const message = error.code === "VALIDATION_FAILED" ? ERROR_SENTENCES.VALIDATION_FAILED : refusalSentence(error.code, error.message);
    return [{ message, code: error.code, ...(issues ? { issues } : {}) }];
  }
  return [{ message: error.message }];
}

function isCombinedError(error: object): error is CombinedError {
  return "graphQLErrors" in error && Array.isArray((error as CombinedError).graphQLErrors);
}

/**
 * The validation issue about one field of a form, as a sentence to show next to that field
 * (TextField's `error`), or undefined. `field` is the input's name ("password", "timeZone").
 */
export function issueFor(error: ShowableError | null | undefined, field: string): string | undefined {
  if (!error) return undefined;
  const issue = describeError(error)
    .flatMap((detail) => detail.issues ?? [])
    .find((candidate) => issueField(candidate.path) === field);
  return issue ? issueSentence(issue.message) : undefined;
}

/**
 * An error in words, as an alert. `fields`: the names of the form's fields that show their own
 * issue (issueFor), so the alert lists only the others.
 */
export function ErrorState({
  error,
  title = "Something went wrong",
  retry,
  fields = [],
}: {
  error: ShowableError;
  title?: string;
  retry?: () => void;
  fields?: readonly string[];
}) {
  const details = describeError(error);
  const issues = details.flatMap((detail) => detail.issues ?? []);
  const listed = issues.filter((issue) => !fields.includes(issueField(issue.path)));
  return (
    <div className="alert alert--error" role="alert">
      <p className="alert__title">{title}</p>
      {details.map((detail, index) => (
        <p key={index}>
          {detail.message}
          {issues.length > listed.length ? " Each field that needs a change says why." : null}
        </p>
      ))}
      {listed.length > 0 ? (
        <ul>
          {listed.map((issue, index) => (
            <li key={index}>{issueWithField(issue)}</li>
          ))}
        </ul>
      ) : null}
      {retry ? (
        <Button variant="secondary" size="small" onClick={retry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state--empty">
      <p className="state__title">{title}</p>
      {children ? <div>{children}</div> : null}
    </div>
  );
}

export function SuccessMessage({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert--success" role="status">
      {children}
    </div>
  );
}

type QueryLike<Data> = { data?: Data | undefined; error?: CombinedError | undefined; fetching: boolean };

/**
 * Renders a query's states: loading until there is data, the error (in words) if it failed,
 * otherwise children(data). Data already on screen stays while a refresh runs.
 */
export function QueryState<Data>({
  result,
  loadingLabel,
  retry,
  children,
}: {
  result: QueryLike<Data>;
  loadingLabel?: string;
  retry?: () => void;
  children: (data: Data) => ReactNode;
}) {
  if (result.data !== undefined && result.data !== null) {
    return (
      <>
        {result.error ? <ErrorState error={result.error} title="Some of this could not be loaded" {...(retry ? { retry } : {})} /> : null}
        {children(result.data)}
      </>
    );
  }
  if (result.error) return <ErrorState error={result.error} {...(retry ? { retry } : {})} />;
  return <Loading {...(loadingLabel ? { label: loadingLabel } : {})} />;
}
