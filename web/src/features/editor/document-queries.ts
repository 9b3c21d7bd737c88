// What the document page asks the api: the document's header, the viewer's access and the room
// of its live content; the group's members (names for an action plan's owners).
import type { Client } from "urql";
import type { AccessCheck } from "../../collab/useLiveDocument.ts";
import { graphql, type ResultOf } from "../../graphql/graphql.ts";

export const DocumentPageQuery = graphql(`
  query DocumentPage($id: ID!) {
    node(id: $id) {
      __typename
      ... on Document {
        id
        title
        kind
        viewerAccess
        collabRoom
        updatedAt
        sharedWithCoachesAt
        creator {
          id
          name
        }
        session {
          id
          title
        }
        group {
          id
          name
          kind
          members(first: 100) {
            edges {
              node {
                id
                user {
                  id
                  name
                  collabId
                }
              }
            }
          }
        }
      }
    }
  }
`);

export type DocumentPageData = Extract<NonNullable<ResultOf<typeof DocumentPageQuery>["node"]>, { __typename: "Document" }>;

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
