// GraphQL over websocket (graphql-ws) on /graphql. Every operation runs through yoga's envelop,
// so the schema, the armor limits, error masking and the context are those of HTTP and SSE.
// The token travels in connectionParams ({ token } or { authorization: "Bearer …" }): a bad one
// refuses the connection (4403); none makes an anonymous connection, whose subscriptions then
// answer UNAUTHENTICATED like any other field that needs a sign-in.
import { getOperationAST, GraphQLError, type ExecutionArgs } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import type { YogaServerInstance } from "graphql-yoga";
import { WebSocketServer, type WebSocket } from "ws";
import { bearerToken, loadActor } from "./auth/load-actor.ts";
import type { AppServices } from "./commands/services.ts";
import type { Context } from "./context.ts";
import type { ServerContext } from "./graphql-server.ts";
import { requestIdFrom } from "./observability/logger.ts";
import type { UpgradeEndpoint } from "./upgrade.ts";

/** A subscription document is a few hundred bytes; this leaves room and still bounds abuse. */
const MAX_FRAME_BYTES = 256 * 1024;

type Enveloped = ReturnType<YogaServerInstance<ServerContext, Context>["getEnveloped"]>;
type EnvelopedRoot = { execute: Enveloped["execute"]; subscribe: Enveloped["subscribe"] };

/** One running operation, for its log line when it completes (like an HTTP request's). */
type OperationRecord = { requestId: string; startedAt: number; operation: string | null; type: string; errors: number };

/** Operation names are the caller's to choose: logged, but cut short. */
const MAX_LOGGED_NAME = 100;

/** The token from connectionParams; undefined when none was given, null when it is malformed. */
export function connectionToken(params: Readonly<Record<string, unknown>> | undefined): string | null | undefined {
  if (!params) return undefined;
  const { token, authorization } = params;
  if (token !== undefined && token !== null) return typeof token === "string" && token.length > 0 ? token : null;
  if (authorization !== undefined && authorization !== null) return typeof authorization === "string" ? bearerToken(authorization) : null;
  return undefined;
}

export function createGraphQLWebSocketEndpoint(
  services: AppServices,
  yoga: YogaServerInstance<ServerContext, Context>,
): UpgradeEndpoint & { connectionCount(): number } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const log = services.log.child({ component: "graphql-ws" });
  /** The user (null: anonymous) of each accepted connection, for its log lines. */
  const userIds = new WeakMap<object, string | null>();
  /** Each connection's running operations, by the id its client gave them. */
  const operations = new WeakMap<object, Map<string, OperationRecord>>();
  const operationsOf = (ctx: object) => {
    let running = operations.get(ctx);
    if (!running) {
      running = new Map();
      operations.set(ctx, running);
    }
    return running;
  };

  /** Signed-in connections and their credential: when the credential stops working, they close. */
  const signedIn = new Map<WebSocket, { userId: string; token: string }>();

  // A session signed out or revoked (a password reset revokes them all), an API token revoked:
  // the connections that carry it close at once (4403, which clients do not retry), rather than
  // at their subscriptions' next event.
  const stopWatching = services.events.onAccessChanged(async (change) => {
    const concerned = [...signedIn].filter(([, holder]) => change.userIds?.includes(holder.userId));
    await Promise.all(
      concerned.map(async ([socket, holder]) => {
        if ((await loadActor(services.db, holder.token)) === null) socket.close(4403, "Forbidden: the sign-in ended");
      }),
    );
  });

  const server = useServer(
    {
      // Refusing here closes the socket with 4403 Forbidden before any operation runs.
      onConnect: async (ctx) => {
        const token = connectionToken(ctx.connectionParams);
        const actor = token ? await loadActor(services.db, token) : null;
        const accepted = token === undefined || actor !== null;
        if (accepted) {
          const userId = actor?.kind === "user" ? actor.userId : null;
          userIds.set(ctx, userId);
          if (userId && token) signedIn.set(ctx.extra.socket, { userId, token });
          log.info({ userId }, "graphql-ws connection opened");
        }
        return accepted;
      },
      onClose: (ctx, code) => {
        signedIn.delete(ctx.extra.socket);
        // A refused connection was never opened: only accepted ones are logged closing.
        if (userIds.has(ctx)) log.info({ userId: userIds.get(ctx), code }, "graphql-ws connection closed");
      },
      execute: (args: ExecutionArgs) => (args.rootValue as EnvelopedRoot).execute(args),
      subscribe: (args: ExecutionArgs) => (args.rootValue as EnvelopedRoot).subscribe(args),
      onSubscribe: async (ctx, id, params) => {
        const token = connectionToken(ctx.connectionParams);
        // yoga's context factory reads the bearer token from a request, as it does for HTTP.
        const request = new Request("http://localhost/graphql", { headers: token ? { authorization: `Bearer ${token}` } : {} });
        const enveloped = yoga.getEnveloped({ request, params, clientAddress: ctx.extra.request.socket.remoteAddress ?? "unknown" });
        try {
          const document = enveloped.parse(params.query);
          const errors = enveloped.validate(enveloped.schema, document);
          if (errors.length > 0) return errors;
          const contextValue = await enveloped.contextFactory();
          // This connection closes when its credential ends (stopWatching above), taking its subscriptions with it.
          contextValue.credentialWatchedByConnection = true;
          const operation = getOperationAST(document, params.operationName);
          operationsOf(ctx).set(id, {
            requestId: requestIdFrom(null),
            startedAt: performance.now(),
            operation: (params.operationName ?? operation?.name?.value ?? null)?.slice(0, MAX_LOGGED_NAME) ?? null,
            type: operation?.operation ?? "unknown",
            errors: 0,
          });
          const rootValue: EnvelopedRoot = { execute: enveloped.execute, subscribe: enveloped.subscribe };
          return { schema: enveloped.schema, document, operationName: params.operationName, variableValues: params.variables, contextValue, rootValue };
        } catch (error) {
          // Syntax errors, armor's token limit, a token revoked since connecting: the operation's error, not the connection's.
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
      },
      onNext: (ctx, id, _payload, _args, result) => {
        const record = operations.get(ctx)?.get(id);
        if (record) record.errors += result.errors?.length ?? 0;
      },
      onError: (ctx, id, params, errors) => {
        // Refused before it ran (syntax, validation, limits): logged like a failed HTTP request.
        operations.get(ctx)?.delete(id);
        const name = typeof params.operationName === "string" ? params.operationName.slice(0, MAX_LOGGED_NAME) : null;
        log.info({ userId: userIds.get(ctx) ?? null, operation: name, errors: errors.length }, "graphql-ws operation refused");
      },
      onComplete: (ctx, id) => {
        // Completed by the server (a query's result, a stream that ended) or by the client (unsubscribed).
        const record = operations.get(ctx)?.get(id);
        if (!record) return;
        operations.get(ctx)?.delete(id);
        const { startedAt, ...fields } = record;
        log.info({ ...fields, userId: userIds.get(ctx) ?? null, durationMs: Math.round((performance.now() - startedAt) * 10) / 10 }, "graphql-ws operation");
      },
    },
    wss,
  );

  return {
    connectionCount: () => wss.clients.size,
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
    },
    async close() {
      // dispose() says "going away" to every client and waits for them; one that never answers is cut off.
      await stopWatching();
      const cutOff = setTimeout(() => {
        for (const client of wss.clients) client.terminate();
      }, 1000);
      await server.dispose();
      clearTimeout(cutOff);
    },
  };
}
