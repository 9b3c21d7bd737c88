// Who can be @mentioned on a document: the server's `mentionCandidates`, which lists only people
// a mention would reach (never the viewer). Asked afresh for every query: access changes.
import { createContext, useCallback } from "react";
import { useClient } from "urql";
import { graphql } from "../../graphql/graphql.ts";

export const MentionCandidatesQuery = graphql(`
  query MentionCandidates($documentId: ID!, $query: String) {
    node(id: $documentId) {
      ... on Document {
        id
        mentionCandidates(query: $query, first: 8) {
          id
          name
          collabId
        }
      }
    }
  }
`);

/** A person to mention: the GraphQL id (feedback's mentionIds) and the id live documents hold (collabId). */
export type MentionCandidate = { id: string; name: string; collabId: string };

export function useMentionSearch(documentId: string | null): (query: string) => Promise<MentionCandidate[]> {
  const client = useClient();
  return useCallback(
    async (query: string) => {
      if (!documentId) return [];
      const result = await client.query(MentionCandidatesQuery, { documentId, query }, { requestPolicy: "network-only" }).toPromise();
      const node = result.data?.node;
      return node && "mentionCandidates" in node ? node.mentionCandidates : [];
    },
    [client, documentId],
  );
}

/** The document whose readers a text field below may mention (FeedbackSidebar provides it). */
export const MentionDocumentContext = createContext<string | null>(null);
