// A yoga plugin: one log line per GraphQL HTTP request (its request id, operation name, user id,
// status, duration; never the query's variables, the token or any content), the request id
// echoed in `x-request-id`, and, with metrics on, per-operation durations, errors and the number
// of live subscriptions. The operation hooks are envelop's, so they see websocket operations too.
import { getOperationAST, type DocumentNode } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { Context } from "../context.ts";
import { requestIdFrom, type Logger } from "./logger.ts";
import type { Metrics } from "./metrics.ts";

type RequestRecord = { id: string; startedAt: number; operation: string | null; userId: string | null; errors: number };

/** Operation names are the caller's to choose: logged, but cut short. */
const MAX_LOGGED_NAME = 100;

export function observeGraphQL(log: Logger, metrics: Metrics | undefined): Plugin<Partial<Context>> {
  const requests = new WeakMap<Request, RequestRecord>();
  const recordOf = (request: Request | undefined) => (request ? requests.get(request) : undefined);

  return {
    onRequest({ request }) {
      requests.set(request, { id: requestIdFrom(request.headers.get("x-request-id")), startedAt: performance.now(), operation: null, userId: null, errors: 0 });
    },
    onParams({ request, params }) {
      const record = recordOf(request);
      if (record && typeof params.operationName === "string") record.operation = params.operationName.slice(0, MAX_LOGGED_NAME);
    },
    onParse({ context }) {
      return ({ result }) => {
        const record = recordOf(context.request);
        if (record && !record.operation && !(result instanceof Error))
          record.operation = operationName(result as DocumentNode, null)?.slice(0, MAX_LOGGED_NAME) ?? null;
      };
    },
    onContextBuilding() {
      return ({ context }) => {
        const record = recordOf(context.request);
        if (record && context.actor?.kind === "user") record.userId = context.actor.userId;
      };
    },
    onExecutionResult({ request, result }) {
      const record = recordOf(request);
      if (record && result && !isAsyncIterable(result)) record.errors += result.errors?.length ?? 0;
    },
    onResponse({ request, response }) {
      const record = recordOf(request);
      if (!record) return;
      response.headers.set("x-request-id", record.id);
      log.info(
        {
          requestId: record.id,
          operation: record.operation,
          userId: record.userId,
          status: response.status,
          errors: record.errors,
          durationMs: Math.round((performance.now() - record.startedAt) * 10) / 10,
        },
        "graphql request",
      );
    },
    ...(metrics ? operationMetrics(metrics) : {}),
  };
}

function operationMetrics(metrics: Metrics): Plugin<Partial<Context>> {
  return {
    onValidate({ params }) {
      return ({ valid }) => {
        if (!valid) metrics.graphqlOperationErrors.inc({ operation: metrics.operationLabel(operationName(params.documentAST, null)), phase: "validate" });
      };
    },
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      const labels = { operation: metrics.operationLabel(operation?.name?.value), type: operation?.operation ?? "query" };
      const stop = metrics.graphqlOperationDuration.startTimer(labels);
      return {
        onExecuteDone({ result }) {
          stop();
          if (!isAsyncIterable(result) && result.errors?.length) metrics.graphqlOperationErrors.inc({ operation: labels.operation, phase: "execute" });
        },
      };
    },
    onSubscribe() {
      return {
        onSubscribeResult({ result }) {
          if (!isAsyncIterable(result)) return;
          metrics.graphqlSubscriptions.inc();
          return { onEnd: () => metrics.graphqlSubscriptions.dec() };
        },
      };
    },
  };
}

function operationName(document: DocumentNode, name: string | null): string | null {
  return getOperationAST(document, name)?.name?.value ?? null;
}

/** A stream of results (a subscription, @defer) rather than one result. */
function isAsyncIterable<T extends object>(value: T): value is Extract<T, AsyncIterable<unknown>> {
  return Symbol.asyncIterator in value;
}
