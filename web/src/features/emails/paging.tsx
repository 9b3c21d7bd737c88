// "Load more" over an email connection: the pages already read stay on screen (so the days group
// across pages) and the next one is asked for after the last cursor.
import { useState } from "react";
import { readFragment, type FragmentOf } from "../../graphql/graphql.ts";
import { Button } from "../../ui/Button.tsx";
import { EmailFieldsFragment } from "./email-queries.ts";
import type { Email } from "./email-words.ts";

type EmailConnection = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null | undefined };
  edges: readonly { node: FragmentOf<typeof EmailFieldsFragment> }[];
};

export function useEmailPages() {
  const [after, setAfter] = useState<string | null>(null);
  const [earlier, setEarlier] = useState<readonly Email[]>([]);
  /** Every email read so far, and the "Load more" button when there are more. */
  const shown = (connection: EmailConnection) => {
    const emails = [...earlier, ...connection.edges.map((edge) => readFragment(EmailFieldsFragment, edge.node))];
    const endCursor = connection.pageInfo.endCursor;
    const more =
      connection.pageInfo.hasNextPage && endCursor ? (
        <Button
          variant="secondary"
          onClick={() => {
            setEarlier(emails);
            setAfter(endCursor);
          }}
        >
          Load more
        </Button>
      ) : null;
    return { emails, more };
  };
  return { after, shown };
}
