// Where the api lives. The app is served by the api itself (or by Vite's dev server, which proxies
// /graphql and /collab), so by default everything is same-origin. VITE_API_URL overrides it, e.g.
// to point a separately hosted web build at an api elsewhere.
const configured = (import.meta.env.VITE_API_URL as string | undefined)?.replace(/\/$/, "");
const httpBase = configured ?? window.location.origin;
const wsBase = httpBase.replace(/^http/, "ws");

/** HTTP endpoint for queries and mutations. */
export const graphqlHttpUrl = `${httpBase}/graphql`;
/** graphql-ws endpoint for subscriptions. */
export const graphqlWsUrl = `${wsBase}/graphql`;
/** y-websocket server URL: WebsocketProvider(collabWsUrl, documentId, doc, { params: { token } }). */
export const collabWsUrl = `${wsBase}/collab`;
