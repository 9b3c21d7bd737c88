// School › Outbox: the school's account emails (invitations, password resets, account notices), for
// its admins: to whom, what, and whether it went out. Without SMTP_URL nothing goes out by mail and
// this is where the links are; with it, this is where to look when someone says "I got nothing".
// Notification and digest emails are never here: only their recipients read them (Settings).
import { useState } from "react";
import { Link } from "react-router-dom";
import { useQuery } from "urql";
import { useConsoleSchool } from "../../app/console-school.ts";
import { paths } from "../../app/paths.ts";
import { SelectField } from "../../ui/fields.tsx";
import { SectionHeader } from "../../ui/layout.tsx";
import { EmptyState, ErrorState, QueryState } from "../../ui/states.tsx";
import { EMAIL_PAGE_SIZE, SchoolOutboxQuery } from "./email-queries.ts";
import { EmailList } from "./EmailList.tsx";
import { type EmailKind, KIND_WORDS, OUTBOX_KINDS } from "./email-words.ts";
import { useEmailPages } from "./paging.tsx";
import "./emails.css";

const ALL = "ALL";
const KIND_OPTIONS = [{ value: ALL, label: "All kinds" }, ...OUTBOX_KINDS.map((kind) => ({ value: kind, label: KIND_WORDS[kind] }))];

export function OutboxPage() {
  const school = useConsoleSchool();
  const [kind, setKind] = useState<EmailKind | null>(null);
  return (
    <div className="outbox">
      <SectionHeader
        title="Outbox"
        subtitle="The school's account emails: invitations, password resets and account notices, newest first. Notifications are never here: only the person they are for reads them."
      />
      <div className="outbox__filter">
        <SelectField
          label="Kind"
          name="kind"
          options={KIND_OPTIONS}
          value={kind ?? ALL}
          onChange={(event) => setKind(event.currentTarget.value === ALL ? null : (event.currentTarget.value as EmailKind))}
        />
      </div>
      {/* Keyed by the filter: a new kind starts from the first page. */}
      <OutboxEmails key={kind ?? ALL} schoolId={school.id} kind={kind} />
    </div>
  );
}

function OutboxEmails({ schoolId, kind }: { schoolId: string; kind: EmailKind | null }) {
  const { after, shown } = useEmailPages();
  const [result, refetch] = useQuery({
    query: SchoolOutboxQuery,
    variables: { schoolId, first: EMAIL_PAGE_SIZE, after, kind },
    requestPolicy: "cache-and-network",
  });
  return (
    <QueryState result={result} loadingLabel="Loading the outbox…" retry={() => refetch({ requestPolicy: "network-only" })}>
      {(data) => {
        const outbox = data.node?.__typename === "School" ? data.node.emailOutbox : null;
        if (!outbox) return <ErrorState error="The school could not be loaded. Reload the page." />;
        const { emails, more } = shown(outbox);
        if (emails.length === 0) {
          return (
            <EmptyState title={kind ? `No ${KIND_WORDS[kind].toLowerCase()} emails yet` : "No emails yet"}>
              <p>
                Invitations, password-reset links and account notices land here as Staffroom makes them. When the server has a mail server set (SMTP_URL), they
                also go out by mail; without one, they are kept here so you can pass the links on. <Link to={paths.schoolInvitations}>Invite staff</Link> to see
                the first one.
              </p>
            </EmptyState>
          );
        }
        return (
          <>
            <p className="item-meta" role="status">
              {outbox.totalCount === 1 ? "1 email" : `${outbox.totalCount} emails`}, newest first.
            </p>
            <EmailList emails={emails} showRecipient />
            {more}
          </>
        );
      }}
    </QueryState>
  );
}
