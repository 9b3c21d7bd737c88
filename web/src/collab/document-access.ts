// Asks the api whether the viewer may still read a document: the collab endpoint closes a refused
// connection without saying why, so the live-document hook checks here before giving up.
import type { Client } from "urql";
import { graphql } from "../graphql/graphql.ts";
import type { AccessCheck } from "./useLiveDocument.ts";

const DocumentAccessQuery = graphql(`
  query DocumentAccess($id: ID!) {
    node(id: $id) {
      __typename
      ... on Document {
        id
        viewerAccess
      }
    }
  }
`);

/** Asks the api whether the viewer may still read the document (the collab endpoint cannot say why it refused). */
export function documentAccessCheck(client: Client, documentId: string): AccessCheck {
  return async () => {
    const result = await client.query(DocumentAccessQuery, { id: documentId }, { requestPolicy: "network-only" }).toPromise();
    if (result.error?.response?.status === 401) return "signed-out";
    if (result.error?.networkError) return "unknown";
    const node = result.data?.node;
    if (!node || node.__typename !== "Document" || node.viewerAccess === "NONE") return "no-access";
    return "ok";
  };
}
