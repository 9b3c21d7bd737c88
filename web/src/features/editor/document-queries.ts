// What the document page asks the api: the document's header, the viewer's access and the room
// of its live content; the group's members (names for an action plan's owners).
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
        viewerCanDelete
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
