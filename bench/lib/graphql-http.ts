// One GraphQL request over HTTP, returning the raw body too (the load generator compares every
// response under load with the body verified here).
export type GraphQLResponse = { status: number; body: string; json: { data?: any; errors?: { message: string }[] } };

export async function postGraphQL(
  url: string,
  operation: { query: string; variables: Record<string, unknown> },
  headers: Record<string, string> = {},
): Promise<GraphQLResponse> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(operation),
  });
  const body = await response.text();
  let json: GraphQLResponse["json"];
  try {
    json = JSON.parse(body);
  } catch {
    throw new Error(`${url} answered ${response.status} with a body that is not JSON: ${body.slice(0, 300)}`);
  }
  return { status: response.status, body, json };
}

/** A relay global id as Staffroom's schema encodes it: base64 of "Type:id". */
export function relayGlobalId(typename: string, id: string): string {
  return Buffer.from(`${typename}:${id}`).toString("base64");
}
