// School › Invitations: an admin invites staff by email with a role, and sees the invitations
// still waiting for an answer: copy a link made on this page, send a new link, or revoke one.
// Staffroom keeps only a hash of each link, so a link can be copied only where it was made (here,
// just after inviting or resending); "New link" makes a fresh one and the old one stops working.
import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { type ConsoleSchool, useConsoleSchool } from "../../app/console-school.ts";
import { paths } from "../../app/paths.ts";
import { mutationOutcome } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { SelectField, TextAreaField } from "../../ui/fields.tsx";
import { formatDateTime } from "../../ui/format.ts";
import { Badge, SectionHeader, Section } from "../../ui/layout.tsx";
import { EmptyState, ErrorState, QueryState, SuccessMessage, type ShowableError } from "../../ui/states.tsx";
import { CopyableLink } from "./CopyableLink.tsx";
import { InviteStaffMutation, PAGE_SIZE, ResendInvitationMutation, RevokeInvitationMutation, SchoolInvitationsQuery } from "./queries.ts";
import "./invitations.css";

type Role = "TEACHER" | "COACH" | "ADMIN";
export const ROLE_LABEL: Record<Role, string> = { TEACHER: "Teacher", COACH: "Coach", ADMIN: "Admin" };
const ROLE_OPTIONS = (Object.keys(ROLE_LABEL) as Role[]).map((value) => ({ value, label: ROLE_LABEL[value] }));

export function InvitationsPage() {
  return (
    <>
      <SectionHeader
        title="Invitations"
        subtitle="Invite staff by email. Each person gets a link that works for 14 days and lets them join with the role you choose."
        actions={<Link to={paths.schoolImport}>Import a roster (CSV)</Link>}
      />
      <Invitations school={useConsoleSchool()} />
    </>
  );
}

function Invitations({ school }: { school: ConsoleSchool }) {
  // Links made on this page, by invitation id: the only place a link can be copied from.
  const [links, setLinks] = useState<Record<string, string>>({});
  const [refreshKey, setRefreshKey] = useState(0);
  const remember = (made: { id: string; link: string }[]) => setLinks((current) => ({ ...current, ...Object.fromEntries(made.map((m) => [m.id, m.link])) }));
  // A revoked invitation's link works no more: it is not offered for copying anywhere.
  const forget = (id: string) =>
    setLinks((current) => {
      const { [id]: _revoked, ...rest } = current;
      return rest;
    });
  return (
    <div className="invitations">
      <InviteForm
        school={school}
        links={links}
        onInvited={(made) => {
          remember(made);
          setRefreshKey((key) => key + 1);
        }}
      />
      <Section title="Waiting for an answer">
        <p className="item-meta">
          Staffroom keeps only a fingerprint of each link, so a link can be copied here just after it is made. “New link” emails a fresh one and shows it to
          copy; the old link stops working.
        </p>
        <InvitationPages key={refreshKey} schoolId={school.id} links={links} onNewLink={(made) => remember([made])} onRevoked={forget} />
      </Section>
    </div>
  );
}

function InviteForm({
  school,
  links,
  onInvited,
}: {
  school: ConsoleSchool;
  /** The current link of each invitation made on this page (a resend replaces it, a revocation removes it). */
  links: Record<string, string>;
  onInvited: (made: { id: string; link: string; email: string }[]) => void;
}) {
  const [emails, setEmails] = useState("");
  const [role, setRole] = useState<Role>("TEACHER");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [failure, setFailure] = useState<ShowableError | null>(null);
  const [sent, setSent] = useState<{ id: string; link: string; email: string }[]>([]);
  const [{ fetching }, inviteStaff] = useMutation(InviteStaffMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFieldError(null);
    setFailure(null);
    const list = emails
      .split(/[\s,;]+/)
      .map((email) => email.trim())
      .filter(Boolean);
    if (list.length === 0) {
      setFieldError("Enter at least one email address.");
      return;
    }
    const outcome = mutationOutcome(await inviteStaff({ input: { schoolId: school.id, emails: list, role } }), "inviteStaff");
    if (!outcome.ok) {
      // The api's sentence about the addresses (not an address, already a member, already invited) goes next to the field.
      const failure = outcome.failure;
      if (typeof failure === "object" && "code" in failure && (failure.code === "CONFLICT" || failure.code === "VALIDATION_FAILED")) {
        setFieldError(failure.issues?.map((issue) => issue.message).join(" ") || failure.message);
      } else setFailure(failure);
      return;
    }
    const made = outcome.payload.data.invitations.map((s) => ({ id: s.invitation.id, link: s.link, email: s.invitation.email }));
    setSent(made);
    setEmails("");
    onInvited(made);
  };

  return (
    <Section title="Invite staff">
      <form className="form invite-form" onSubmit={submit} noValidate>
        <TextAreaField
          label="Email addresses"
          hint="One or more, separated by commas, spaces or new lines."
          name="emails"
          rows={3}
          value={emails}
          error={fieldError}
          onChange={(event) => setEmails(event.target.value)}
        />
        <SelectField label="Role" name="role" options={ROLE_OPTIONS} value={role} onChange={(event) => setRole(event.target.value as Role)} />
        <div>
          <Button type="submit" busy={fetching} busyLabel="Sending…">
            Send invitations
          </Button>
        </div>
      </form>
      {failure ? <ErrorState title="The invitations were not sent" error={failure} /> : null}
      {sent.some((s) => links[s.id]) ? (
        <SuccessMessage>
          <p>
            {sent.length === 1 ? `Invitation sent to ${sent[0]!.email}.` : `${sent.length} invitations sent.`} You can also copy{" "}
            {sent.length === 1 ? "the link" : "each link"} and send it yourself:
          </p>
          <ul className="sent-links">
            {sent
              .filter((s) => links[s.id])
              .map((s) => (
                <li key={s.id}>
                  <CopyableLink label={`Invitation link for ${s.email}`} link={links[s.id]!} />
                </li>
              ))}
          </ul>
        </SuccessMessage>
      ) : null}
    </Section>
  );
}

/** The pending list, a page at a time: each "Show more" adds the next page below. */
function InvitationPages({
  schoolId,
  links,
  onNewLink,
  onRevoked,
}: {
  schoolId: string;
  links: Record<string, string>;
  onNewLink: (made: { id: string; link: string }) => void;
  onRevoked: (id: string) => void;
}) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return (
    <>
      {cursors.map((after, index) => (
        <InvitationPage
          key={after ?? "first"}
          schoolId={schoolId}
          after={after}
          first={index === 0}
          last={index === cursors.length - 1}
          links={links}
          onNewLink={onNewLink}
          onRevoked={onRevoked}
          onMore={(cursor) => setCursors((current) => [...current, cursor])}
        />
      ))}
    </>
  );
}

function InvitationPage({
  schoolId,
  after,
  first,
  last,
  links,
  onNewLink,
  onRevoked,
  onMore,
}: {
  schoolId: string;
  after: string | null;
  first: boolean;
  last: boolean;
  links: Record<string, string>;
  onNewLink: (made: { id: string; link: string }) => void;
  onRevoked: (id: string) => void;
  onMore: (cursor: string) => void;
}) {
  const [result, refetch] = useQuery({ query: SchoolInvitationsQuery, variables: { schoolId, first: PAGE_SIZE, after }, requestPolicy: "cache-and-network" });
  return (
    <QueryState result={result} loadingLabel="Loading invitations…" retry={() => refetch({ requestPolicy: "network-only" })}>
      {(data) => {
        const invitations = data.node?.__typename === "School" ? data.node.invitations : null;
        if (!invitations) return <ErrorState error="The school could not be loaded. Reload the page." />;
        if (first && invitations.totalCount === 0) {
          return (
            <EmptyState title="No invitations waiting">
              <p>
                Invite staff with the form above, or <Link to={paths.schoolImport}>import a roster</Link> to invite everyone at once. Invitations appear here
                until they are accepted.
              </p>
            </EmptyState>
          );
        }
        return (
          <>
            {first ? (
              <p className="invitation-count">{invitations.totalCount === 1 ? "1 invitation" : `${invitations.totalCount} invitations`} waiting.</p>
            ) : null}
            <ul className="invitation-list">
              {invitations.edges.map(({ node }) => (
                <InvitationRow
                  key={node.id}
                  invitation={node}
                  link={links[node.id] ?? null}
                  onNewLink={onNewLink}
                  onRevoked={() => {
                    onRevoked(node.id);
                    refetch({ requestPolicy: "network-only" });
                  }}
                />
              ))}
            </ul>
            {last && invitations.pageInfo.hasNextPage && invitations.pageInfo.endCursor ? (
              <Button variant="secondary" onClick={() => onMore(invitations.pageInfo.endCursor!)}>
                Show more
              </Button>
            ) : null}
          </>
        );
      }}
    </QueryState>
  );
}

type InvitationNode = { id: string; email: string; name: string | null; role: Role; status: string; sentAt: string; expiresAt: string };

function InvitationRow({
  invitation,
  link,
  onNewLink,
  onRevoked,
}: {
  invitation: InvitationNode;
  link: string | null;
  onNewLink: (made: { id: string; link: string }) => void;
  onRevoked: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<ShowableError | null>(null);
  const [resent, setResent] = useState(false);
  const [{ fetching: resending }, resend] = useMutation(ResendInvitationMutation);
  const [{ fetching: revoking }, revoke] = useMutation(RevokeInvitationMutation);
  const expired = invitation.status === "EXPIRED";

  const newLink = async () => {
    setFailure(null);
    const outcome = mutationOutcome(await resend({ id: invitation.id }), "resendInvitation");
    if (!outcome.ok) return setFailure(outcome.failure);
    setResent(true);
    onNewLink({ id: invitation.id, link: outcome.payload.data.link });
  };
  const confirmRevoke = async () => {
    setFailure(null);
    const outcome = mutationOutcome(await revoke({ id: invitation.id }), "revokeInvitation");
    setConfirming(false);
    if (!outcome.ok) return setFailure(outcome.failure);
    onRevoked();
  };

  return (
    <li className="invitation">
      <div className="invitation__who">
        <span className="item-title">{invitation.email}</span>
        {invitation.name ? <span className="item-meta">{invitation.name}</span> : null}
      </div>
      <div className="invitation__facts item-meta">
        <Badge tone="accent">{ROLE_LABEL[invitation.role]}</Badge> <span>Sent {formatDateTime(invitation.sentAt)}</span>
        <span>{expired ? <Badge tone="warn">Expired {formatDateTime(invitation.expiresAt)}</Badge> : `Expires ${formatDateTime(invitation.expiresAt)}`}</span>
      </div>
      <div className="invitation__actions">
        <Button
          variant="secondary"
          size="small"
          busy={resending}
          busyLabel="Sending…"
          onClick={() => void newLink()}
          aria-label={`Send a new link to ${invitation.email}`}
        >
          {expired ? "Send a new link" : "New link"}
        </Button>
        <Button variant="danger" size="small" onClick={() => setConfirming(true)} aria-label={`Revoke the invitation for ${invitation.email}`}>
          Revoke
        </Button>
      </div>
      {link ? (
        <div className="invitation__link">
          {resent ? <p className="item-meta">A new link was emailed; the old one no longer works.</p> : null}
          <CopyableLink label={`Invitation link for ${invitation.email}`} link={link} />
        </div>
      ) : null}
      {failure ? <ErrorState title="That did not work" error={failure} /> : null}
      <ConfirmDialog
        open={confirming}
        title={`Revoke the invitation for ${invitation.email}?`}
        confirmLabel="Revoke invitation"
        danger
        busy={revoking}
        onConfirm={() => void confirmRevoke()}
        onCancel={() => setConfirming(false)}
      >
        <p>The link stops working at once. You can invite {invitation.email} again later.</p>
      </ConfirmDialog>
    </li>
  );
}
