// The browser-facing rules of /graphql: which other sites may call it (CORS), that a form on
// another site cannot make it do anything (CSRF), GraphiQL's own security policy, and who may
// introspect the schema.
import { useCSRFPrevention } from "@graphql-yoga/plugin-csrf-prevention";
import { GraphQLError, NoSchemaIntrospectionCustomRule, validate, type DocumentNode } from "graphql";
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
import { createGraphQLError, type CORSOptions, type GraphiQLOptions, type Plugin } from "graphql-yoga";
import type { Config } from "./config.ts";
import type { Context } from "./context.ts";
import { graphiqlPolicy } from "./security-headers.ts";

/** The header a non-browser client may send to make a GET or a form-encoded POST (see csrfPrevention). */
export const CSRF_HEADER = "x-graphql-yoga-csrf";

/**
 * Only the configured origins get CORS headers; every other cross-origin page (and the preflight
 * it sends) gets none, so the browser keeps the answer from it. No credentials are allowed:
 * Staffroom authenticates with a bearer token, never a cookie, so a page has nothing ambient to send.
 */
export function corsFor(config: Config): (request: Request) => CORSOptions {
  const allowed = new Set(config.http.corsOrigins);
  return (request) => {
    const origin = request.headers.get("origin");
    if (!origin || !allowed.has(origin)) return false;
    return { origin, credentials: false, methods: ["GET", "POST"], maxAge: 600 };
  };
}

/**
 * A browser sends a form (urlencoded, multipart, text/plain) or a GET to any site without asking
 * it first; everything else (a JSON body, a custom header) needs a CORS preflight, which only the
 * configured origins pass. So those "simple" requests must carry a header a form cannot set.
 * `authorization` counts: a cross-site form cannot send it either, and it lets an integrator's GET
 * with its bearer token through without a second header. yoga's plugin decides; we word its refusal.
 */
export function csrfPrevention(): Plugin {
  const library = useCSRFPrevention({ requestHeaders: [CSRF_HEADER, "authorization"] });
  return {
    onRequestParse(payload) {
      try {
        return library.onRequestParse?.(payload);
      } catch {
        throw createGraphQLError(
          `This request could have come from a form on another site, so it was refused. Send the GraphQL request as JSON (Content-Type: application/json), or add the header ${CSRF_HEADER}: 1.`,
          { extensions: { code: "CSRF_REFUSED", http: { status: 403 } } },
        );
      }
    },
  };
}

/**
 * yoga's GraphiQL page with a Content-Security-Policy made for it (its inline scripts by hash),
 * instead of the app's policy, under which it could not run.
 */
export function graphiqlWithItsPolicy(): { render: (options: GraphiQLOptions) => string; plugin: Plugin } {
  let policy: string | undefined;
  // The page inlines the whole editor (about 9 MB): render and hash it once per set of options
  // (in practice once), not on every visit.
  let last: { key: string; html: string } | undefined;
  return {
    render(options) {
      const key = JSON.stringify(options);
      if (last?.key !== key) {
        last = { key, html: withReadableLogo(renderGraphiQL(options)) };
        policy = graphiqlPolicy(last.html);
      }
      return last.html;
    },
    plugin: {
      onResponse({ response }) {
        if (policy && response.headers.get("content-type")?.startsWith("text/html")) response.headers.set("content-security-policy", policy);
      },
    },
  };
}

/**
 * GraphiQL greys its logo text (our title) to 4.26:1 against its header, under the 4.5:1 that
 * WCAG AA asks of text; the full neutral colour reads clearly. Its stylesheet is inline, so the
 * fix is one more inline style (the page's policy allows them).
 */
function withReadableLogo(html: string): string {
  return html.replace("</head>", "<style>.graphiql-container .graphiql-logo{color:hsl(var(--color-neutral))}</style></head>");
}

function asksForIntrospection(schema: Parameters<typeof validate>[0], document: DocumentNode): boolean {
  return validate(schema, document, [NoSchemaIntrospectionCustomRule]).length > 0;
}

/**
 * Introspection (__schema, __type) for everyone, for signed-in callers only, or for no one.
 * Integrators build against the schema, so it is public by default; `signed-in` and `off` are for
 * deployments that would rather not hand it out. `__typename` is never affected.
 */
export function introspectionPolicy(mode: Config["http"]["introspection"]): Plugin<Context> {
  if (mode === "public") return {};
  if (mode === "off") return { onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule) };
  return {
    // Validation runs before the caller is known; execution is where the actor is.
    onExecute({ args, setResultAndStopExecution }) {
      if (args.contextValue.actor.kind !== "anonymous" || !asksForIntrospection(args.schema, args.document)) return;
      setResultAndStopExecution({
        errors: [
          new GraphQLError("Introspection is for signed-in callers. Send your token (Authorization: Bearer …), or read schema.graphql.", {
            extensions: { code: "UNAUTHENTICATED" },
          }),
        ],
      });
    },
  };
}
