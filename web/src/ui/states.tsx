// Loading, error and empty states, the same everywhere so people learn them once.
import type { ReactNode } from "react";
import type { CombinedError } from "urql";
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

/** Turns any error we may show into a message and, where the api gave one, its code. */
export function describeError(error: ShowableError): ErrorDetail[] {
  if (typeof error === "string") return [{ message: error }];
  if (isCombinedError(error)) {
    const details: ErrorDetail[] = error.graphQLErrors.map((graphQLError) => {
      const code = graphQLError.extensions?.["code"];
      return { message: graphQLError.message, ...(typeof code === "string" ? { code } : {}) };
    });
    if (error.networkError) {
      const status = error.response?.status as number | undefined;
      details.push({
        message: status === 401 ? "Your session has ended. Please sign in again." : "Staffroom could not be reached. Check the connection and try again.",
        code: status ? `HTTP ${status}` : "NETWORK",
      });
    }
    return details.length > 0 ? details : [{ message: error.message }];
  }
  if ("code" in error && typeof error.code === "string") {
    const issues = "issues" in error && error.issues ? error.issues : undefined;
    return [{ message: error.message, code: error.code, ...(issues ? { issues } : {}) }];
  }
  return [{ message: error.message }];
}

function isCombinedError(error: object): error is CombinedError {
  return "graphQLErrors" in error && Array.isArray((error as CombinedError).graphQLErrors);
}

export function ErrorState({ error, title = "Something went wrong", retry }: { error: ShowableError; title?: string; retry?: () => void }) {
  const details = describeError(error);
  return (
    <div className="alert alert--error" role="alert">
      <p className="alert__title">{title}</p>
      {details.map((detail, index) => (
        <p key={index}>
          {detail.message}
          {detail.code ? (
            <>
              {" "}
              <code>{detail.code}</code>
            </>
          ) : null}
        </p>
      ))}
      {details.flatMap((detail) => detail.issues ?? []).length > 0 ? (
        <ul>
          {details
            .flatMap((detail) => detail.issues ?? [])
            .map((issue, index) => (
              <li key={index}>
                {issue.path ? <strong>{issue.path}: </strong> : null}
                {issue.message}
              </li>
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
 * Renders a query's states: loading until there is data, the error (with code) if it failed,
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
