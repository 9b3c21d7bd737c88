// A list of emails grouped by the day they were made, newest first: to whom, the subject, the kind
// and the status in words, and when. "Read" opens one's plain text below it. The text is rendered
// as text (React escapes it), never as HTML: an email's words come partly from people (names,
// school names) and must not become markup here.
import { useId, useState } from "react";
import { formatDateTime } from "../../ui/format.ts";
import { Badge } from "../../ui/layout.tsx";
import { Button } from "../../ui/Button.tsx";
import { groupByDay } from "../../ui/day-groups.ts";
import { type Email, KIND_WORDS, STATUS_TONE, STATUS_WORDS } from "./email-words.ts";

export function EmailList({ emails, showRecipient }: { emails: readonly Email[]; showRecipient: boolean }) {
  return (
    <div className="email-days">
      {groupByDay(emails).map((day) => (
        <section key={day.label} className="email-day" aria-label={day.label}>
          <h3 className="email-day__label">{day.label}</h3>
          <ul className="email-list">
            {day.items.map((email) => (
              <EmailRow key={email.id} email={email} showRecipient={showRecipient} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function EmailRow({ email, showRecipient }: { email: Email; showRecipient: boolean }) {
  const [open, setOpen] = useState(false);
  const textId = useId();
  return (
    <li className="email">
      <div className="email__head">
        <span className="item-title email__subject">{email.subject}</span>
        <Button
          variant="secondary"
          size="small"
          aria-expanded={open}
          aria-controls={textId}
          aria-label={`${open ? "Close" : "Read"} “${email.subject}”${showRecipient ? ` to ${email.to}` : ""}`}
          onClick={() => setOpen((value) => !value)}
        >
          {open ? "Close" : "Read"}
        </Button>
      </div>
      <div className="email__facts item-meta">
        {showRecipient ? <span className="email__to">To {email.to}</span> : null}
        <Badge>{KIND_WORDS[email.kind]}</Badge>
        <Badge tone={STATUS_TONE[email.status]}>{STATUS_WORDS[email.status]}</Badge>
        <span>{email.sentAt ? `Sent ${formatDateTime(email.sentAt)}` : `Made ${formatDateTime(email.createdAt)}`}</span>
      </div>
      {email.status === "FAILED" && email.lastError ? <p className="item-meta">The mail server answered: {email.lastError}</p> : null}
      {open ? (
        <pre id={textId} className="email__text">
          {email.text}
        </pre>
      ) : null}
    </li>
  );
}
