// Settings › Emails: the emails Staffroom sent to the signed-in person, readable here too. On a
// server with no mail server set they are kept here only, so this is where the links are.
import { useQuery } from "urql";
import { EmptyState, QueryState } from "../../ui/states.tsx";
import { EMAIL_PAGE_SIZE, MyEmailsQuery } from "./email-queries.ts";
import { EmailList } from "./EmailList.tsx";
import { useEmailPages } from "./paging.tsx";
import "./emails.css";

export function MyEmails() {
  const { after, shown } = useEmailPages();
  const [result, refetch] = useQuery({ query: MyEmailsQuery, variables: { first: EMAIL_PAGE_SIZE, after }, requestPolicy: "cache-and-network" });
  return (
    <QueryState result={result} loadingLabel="Loading your emails…" retry={() => refetch({ requestPolicy: "network-only" })}>
      {(data) => {
        const { emails, more } = shown(data.myEmails);
        if (emails.length === 0) {
          return (
            <EmptyState title="No emails to you yet">
              <p>
                Invitations, password resets and the notifications you chose to get by email appear here as well as in your mailbox. Choose which notifications
                come by email under Notifications above.
              </p>
            </EmptyState>
          );
        }
        return (
          <>
            <EmailList emails={emails} showRecipient={false} />
            {more}
          </>
        );
      }}
    </QueryState>
  );
}
