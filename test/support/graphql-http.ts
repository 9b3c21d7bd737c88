// One GraphQL caller for every way a test reaches an api: the in-process app (app.gql), a server
// child process or a second instance over real HTTP. A typed document gives typed data and
// variables; a string is for deliberately malformed or abusive queries only (see GqlCall).
import type { DocumentDecoration } from "gql.tada";
import { type DocumentNode, print } from "graphql";

/** A typed document: a `graphql()` operation of support/graphql.ts (or any TypedDocumentNode). */
export type TypedDocument<Result, Variables> = DocumentNode & DocumentDecoration<Result, Variables>;

/** The variables and token after a typed document: the variables may be left out only when none is required. */
export type GqlArgs<Variables> =
  Partial<Variables> extends Variables ? [variables?: Variables, token?: string | null] : [variables: Variables, token?: string | null];

export type GqlResult<T> = { data?: T; errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[]; status: number };

export type GqlCall = {
  /** A typed operation: the data and variables types come from the document. */
  <Result, Variables>(document: TypedDocument<Result, Variables>, ...args: GqlArgs<Variables>): Promise<GqlResult<Result>>;
  /**
   * A raw query text, only for what a typed document cannot express: a deliberately malformed or
   * abusive query (limits, abuse, cost), or one built from the schema at run time. Say why beside
   * each use. (`any` keeps the untyped callers of earlier tests compiling until they move over.)
   */
  // biome-ignore lint/suspicious/noExplicitAny: the untyped form; typed callers pass a document.
  <T = any>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GqlResult<T>>;
};

/** A caller whose token is already chosen (an actor of the trust table). */
export type BoundGqlCall = {
  <Result, Variables>(
    document: TypedDocument<Result, Variables>,
    ...args: Partial<Variables> extends Variables ? [variables?: Variables] : [variables: Variables]
  ): Promise<GqlResult<Result>>;
  /** A raw query text: as GqlCall's. */
  // biome-ignore lint/suspicious/noExplicitAny: the untyped form; typed callers pass a document.
  <T = any>(query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>>;
};

/** The text a document sends: a typed document printed, a raw string as it is. */
export function queryText(document: string | DocumentNode): string {
  return typeof document === "string" ? document : print(document);
}

/** A caller POSTing to `${baseUrl}/graphql` through `fetchImpl` (the app's in-process fetch, or the global one). */
export function graphqlCaller(baseUrl: string, fetchImpl: (url: string, init: RequestInit) => Promise<Response> = fetch): GqlCall {
  return (async (document: string | DocumentNode, variables?: unknown, token?: string | null) => {
    const response = await fetchImpl(`${baseUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: queryText(document), variables }),
    });
    return { ...(await response.json()), status: response.status };
  }) as GqlCall;
}
