// The urql client: queries and mutations over HTTP with `Authorization: Bearer <token>`,
// subscriptions over graphql-ws with `connectionParams: { token }` (the api reads either).
// One client per session token: signing in or out builds a fresh client, so no cached data or
// open websocket outlives the person it belonged to.
import { cacheExchange, Client, fetchExchange, mapExchange, subscriptionExchange } from "urql";
import { createClient as createWsClient, type Client as WsClient } from "graphql-ws";
import { graphqlHttpUrl, graphqlWsUrl } from "../app/urls.ts";

export type GraphQLClientHandle = {
  client: Client;
  /** Closes the subscription websocket; call when the token changes or the app unmounts. */
  dispose: () => void;
};

export type GraphQLClientOptions = {
  token: string | null;
  /** Called when the api says the token is unknown, expired or revoked (HTTP 401). */
  onTokenRejected?: () => void;
};

export function createGraphQLClient({ token, onTokenRejected }: GraphQLClientOptions): GraphQLClientHandle {
  const ws: WsClient = createWsClient({
    url: graphqlWsUrl,
    // A function, so a reconnect after a network drop sends the token again.
    connectionParams: () => (token ? { token } : {}),
    lazy: true,
    // 4403: the api refused the token; retrying would only be refused again.
    shouldRetry: (event) => !(isCloseEvent(event) && event.code === 4403),
  });

  const client = new Client({
    url: graphqlHttpUrl,
    // Group content changes under people's hands during a meeting: show the cache, then refresh it.
    requestPolicy: "cache-and-network",
    // POST keeps variables (emails, titles) out of URLs and server logs.
    preferGetMethod: false,
    fetchOptions: (): RequestInit => (token ? { headers: { authorization: `Bearer ${token}` } } : {}),
    exchanges: [
      mapExchange({
        onError(error) {
          if (token && error.response?.status === 401) onTokenRejected?.();
        },
      }),
      cacheExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const operation = { ...request, query: request.query ?? "" };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(operation, sink);
              return { unsubscribe };
            },
          };
        },
      }),
      fetchExchange,
    ],
  });

  return { client, dispose: () => void ws.dispose() };
}

function isCloseEvent(value: unknown): value is { code: number } {
  return typeof value === "object" && value !== null && "code" in value && typeof (value as { code: unknown }).code === "number";
}
