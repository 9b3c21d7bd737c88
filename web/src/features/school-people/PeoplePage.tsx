// /school/people: the school's staff as its admins manage them. Search by name or email, filter by
// role and by status (active or deactivated), a page at a time; change someone's role, deactivate
// them (signed out everywhere at once, their open documents close, what they wrote stays) or
// reactivate them. Deactivation replaces removal here: it can be undone, and keeps the person's
// groups and history for the day they come back.
import { useEffect, useRef, useState } from "react";
import { useQuery } from "urql";
import { useAuth } from "../../app/auth.tsx";
import { useConsoleSchool } from "../../app/console-school.ts";
import type { ResultOf } from "../../graphql/graphql.ts";
import { SelectField, TextField } from "../../ui/fields.tsx";
import { useDocumentTitle } from "../../ui/layout.tsx";
import { EmptyState, ErrorState, Loading } from "../../ui/states.tsx";
import { PersonDialog, type PersonAction } from "./PersonDialog.tsx";
import { PeopleRows, type Member } from "./PeopleRows.tsx";
import { SchoolPeopleQuery } from "./people-queries.ts";
import { ROLE_FILTERS, type RoleFilter, type StatusFilter } from "./roles.ts";
import "./people.css";

const PAGE_SIZE = 25;
/** Typing pauses this long before the list is asked again. */
const SEARCH_DELAY_MS = 250;

export function PeoplePage() {
  useDocumentTitle("People");
  const school = useConsoleSchool();
  const [searchText, setSearchText] = useState("");
  const [search, setSearch] = useState("");
  const [role, setRole] = useState<RoleFilter>("");
  const [status, setStatus] = useState<StatusFilter>("ACTIVE");
  const [action, setAction] = useState<PersonAction | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    const timer = window.setTimeout(() => setSearch(searchText.trim()), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [searchText]);
  // What the last change did is news only until the admin looks elsewhere in the list.
  useEffect(() => setNotice(null), [search, role, status]);

  const done = (message: string) => {
    setAction(null);
    setNotice(message);
    // The row acted on may leave the list (a deactivated person leaves "Active"): focus the outcome.
    window.setTimeout(() => noticeRef.current?.focus(), 0);
  };

  return (
    <section className="section people" aria-labelledby="people-heading">
      <h2 id="people-heading">People</h2>
      <p className="people__intro">Everyone on the staff of {school.name}. Invite new people from Invitations or Import.</p>
      <form className="people__filters" role="search" aria-label="Find people" onSubmit={(e) => e.preventDefault()}>
        <TextField label="Search by name or email" type="search" value={searchText} maxLength={100} onChange={(e) => setSearchText(e.currentTarget.value)} />
        <SelectField label="Role" value={role} options={ROLE_FILTERS} onChange={(e) => setRole(e.currentTarget.value as RoleFilter)} />
        <SelectField
          label="Status"
          value={status}
          options={[
            { value: "ACTIVE", label: "Active" },
            { value: "DEACTIVATED", label: "Deactivated" },
          ]}
          onChange={(e) => setStatus(e.currentTarget.value as StatusFilter)}
        />
      </form>
      {notice ? (
        <p className="alert alert--success people__notice" role="status" tabIndex={-1} ref={noticeRef}>
          {notice}
        </p>
      ) : null}
      {/* A new filter starts again at the first page. */}
      <PeopleTable key={`${search}|${role}|${status}`} schoolId={school.id} search={search} role={role} status={status} onAction={setAction} />
      {action ? <PersonDialog action={action} schoolName={school.name} onCancel={() => setAction(null)} onDone={done} /> : null}
    </section>
  );
}

type Filters = { schoolId: string; search: string; role: RoleFilter; status: StatusFilter };

function useMembersPage(filters: Filters, after: string | null) {
  return useQuery({
    query: SchoolPeopleQuery,
    variables: {
      schoolId: filters.schoolId,
      first: PAGE_SIZE,
      after,
      role: filters.role || null,
      status: filters.status,
      search: filters.search || null,
    },
  });
}

type Connection = NonNullable<Extract<ResultOf<typeof SchoolPeopleQuery>["node"], { members: unknown }>>["members"];

function membersOf(data: ResultOf<typeof SchoolPeopleQuery> | undefined): Connection | null {
  const node = data?.node;
  return node && "members" in node ? node.members : null;
}

function PeopleTable(props: Filters & { onAction: (action: PersonAction) => void }) {
  const { onAction, ...filters } = props;
  const { viewer } = useAuth();
  const [result, reexecute] = useMembersPage(filters, null);
  // Pages after the first, by their cursor; "Show more" appends one.
  const [cursors, setCursors] = useState<string[]>([]);
  const members = membersOf(result.data);

  if (!members) {
    if (result.error)
      return <ErrorState error={result.error} title="The staff list could not be loaded" retry={() => reexecute({ requestPolicy: "network-only" })} />;
    return <Loading label="Loading people…" />;
  }
  if (members.totalCount === 0) return <NoOne {...filters} />;

  const pages = [members, ...cursors.map(() => null)];
  const lastCursor = cursors.at(-1) ?? null;
  return (
    <>
      <p className="people__count" aria-live="polite">
        {countLabel(members.totalCount, filters.status)}
      </p>
      <table className="table people-table">
        <caption className="visually-hidden">The school's staff: name, email, role, status and what you can do</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <PeopleRows members={members.edges.map((e) => e.node as Member)} viewerId={viewer?.id ?? null} onAction={onAction} />
        {pages.slice(1).map((_, index) => (
          <MorePeople key={cursors[index]} filters={filters} after={cursors[index]!} viewerId={viewer?.id ?? null} onAction={onAction} />
        ))}
      </table>
      {cursors.length === 0 && members.pageInfo.hasNextPage && members.pageInfo.endCursor ? (
        <ShowMore onMore={() => setCursors([members.pageInfo.endCursor!])} />
      ) : null}
      {lastCursor ? <NextPageButton filters={filters} after={lastCursor} onMore={(cursor) => setCursors((c) => [...c, cursor])} /> : null}
    </>
  );
}

function MorePeople({
  filters,
  after,
  viewerId,
  onAction,
}: {
  filters: Filters;
  after: string;
  viewerId: string | null;
  onAction: (action: PersonAction) => void;
}) {
  const [result] = useMembersPage(filters, after);
  const members = membersOf(result.data);
  if (!members) {
    return (
      <tbody>
        <tr>
          <td colSpan={5}>
            {result.error ? <ErrorState error={result.error} title="More people could not be loaded" /> : <Loading label="Loading more people…" />}
          </td>
        </tr>
      </tbody>
    );
  }
  return <PeopleRows members={members.edges.map((e) => e.node as Member)} viewerId={viewerId} onAction={onAction} />;
}

/** "Show more" under the last page loaded (the same query as that page, answered from the cache). */
function NextPageButton({ filters, after, onMore }: { filters: Filters; after: string; onMore: (cursor: string) => void }) {
  const [result] = useMembersPage(filters, after);
  const info = membersOf(result.data)?.pageInfo;
  if (!info?.hasNextPage || !info.endCursor) return null;
  const cursor = info.endCursor;
  return <ShowMore onMore={() => onMore(cursor)} />;
}

function ShowMore({ onMore }: { onMore: () => void }) {
  return (
    <p className="people__more">
      <button type="button" className="button button--secondary" onClick={onMore}>
        Show more people
      </button>
    </p>
  );
}

function countLabel(total: number, status: StatusFilter): string {
  const people = total === 1 ? "1 person" : `${total} people`;
  return status === "DEACTIVATED" ? `${people} deactivated` : people;
}

function NoOne({ search, role, status }: Filters) {
  if (search || role) {
    return (
      <EmptyState title="No one matches these filters.">
        <p>Try another name or email address, or choose "All roles".</p>
      </EmptyState>
    );
  }
  if (status === "DEACTIVATED") {
    return (
      <EmptyState title="No one is deactivated.">
        <p>People you deactivate are listed here, so you can reactivate them.</p>
      </EmptyState>
    );
  }
  return (
    <EmptyState title="No one is on the staff yet.">
      <p>Invite people from Invitations, or bring in a staff list from Import.</p>
    </EmptyState>
  );
}
