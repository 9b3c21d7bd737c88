// The school console's groups (admins): every group of the school, peer groups and PLCs, with who
// is in them; archived ones apart. An admin creates a PLC (grade level, subject, its facilitator)
// or convenes a peer group, archives and brings back PLCs, and opens a group's page to change its
// members and settings. Peer groups run themselves: here they show who is in them, never their work.
import { useState } from "react";
import { Link } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { useConsoleSchool } from "../../app/console-school.ts";
import { paths } from "../../app/paths.ts";
import { ArchiveGroupMutation, UnarchiveGroupMutation } from "../../graphql/group-archive.ts";
import { graphql, type ResultOf } from "../../graphql/graphql.ts";
import { mutationFailure } from "../../graphql/mutation-outcome.ts";
import { GroupKindBadge } from "../../ui/badges.tsx";
import { Button } from "../../ui/Button.tsx";
import { SelectField } from "../../ui/fields.tsx";
import { Badge, Section, SectionHeader } from "../../ui/layout.tsx";
import { EmptyState, ErrorState, QueryState, type ShowableError } from "../../ui/states.tsx";
import { CreateGroupForm } from "./CreateGroupForm.tsx";
import "./school-groups.css";

const SchoolGroupsQuery = graphql(`
  query SchoolGroups($schoolId: ID!, $kind: GroupKind) {
    node(id: $schoolId) {
      __typename
      ... on School {
        id
        name
        groups(first: 100, includeArchived: true, kind: $kind) {
          totalCount
          edges {
            node {
              id
              name
              kind
              focus
              gradeLevel
              subject
              meetingCadence
              archivedAt
              sizeWarning
              viewerCan {
                manage
              }
              members(first: 8) {
                totalCount
                edges {
                  node {
                    id
                    role
                    user {
                      id
                      name
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`);

type SchoolNode = Extract<NonNullable<ResultOf<typeof SchoolGroupsQuery>["node"]>, { __typename: "School" }>;
type GroupRow = NonNullable<SchoolNode["groups"]["edges"][number]>["node"];
type KindFilter = "" | "PEER" | "PLC";

const KIND_OPTIONS = [
  { value: "", label: "All groups" },
  { value: "PLC", label: "PLCs" },
  { value: "PEER", label: "Peer groups" },
];

export function SchoolGroupsPage() {
  const schoolId = useConsoleSchool().id;
  const [kind, setKind] = useState<KindFilter>("");
  const [result, reexecute] = useQuery({ query: SchoolGroupsQuery, variables: { schoolId, kind: kind || null } });
  const refresh = () => reexecute({ requestPolicy: "network-only" });

  return (
    <>
      <SectionHeader title="Groups" subtitle="Every peer group and PLC of your school. Peer groups run themselves: you see who is in them, never their work." />
      <div className="grid grid--wide">
        <QueryState result={result} retry={refresh} loadingLabel="Loading the school's groups…">
          {(data) =>
            data.node?.__typename === "School" ? (
              <GroupLists school={data.node} kind={kind} onKind={setKind} onChanged={refresh} />
            ) : (
              <ErrorState error="This school could not be found. Reload the page." />
            )
          }
        </QueryState>
        <CreateGroupForm schoolId={schoolId} onCreated={refresh} />
      </div>
    </>
  );
}

function GroupLists({ school, kind, onKind, onChanged }: { school: SchoolNode; kind: KindFilter; onKind: (kind: KindFilter) => void; onChanged: () => void }) {
  const groups = school.groups.edges.map((edge) => edge.node);
  const active = groups.filter((group) => !group.archivedAt);
  const archived = groups.filter((group) => group.archivedAt);
  const what = kind === "PEER" ? "peer groups" : kind === "PLC" ? "PLCs" : "groups";
  return (
    <div>
      <Section title="Groups" actions={<Badge>{active.length === 1 ? "1 active" : `${active.length} active`}</Badge>}>
        <SelectField label="Show" value={kind} onChange={(event) => onKind(event.target.value as KindFilter)} options={KIND_OPTIONS} />
        {active.length === 0 ? (
          <EmptyState title={`No active ${what} yet.`}>
            <p>Create a PLC or a peer group with the form on this page. Teachers can also start peer groups from their home page.</p>
          </EmptyState>
        ) : (
          <GroupList groups={active} onChanged={onChanged} />
        )}
        {school.groups.totalCount > groups.length ? (
          <p className="item-meta">
            Showing {groups.length} of {school.groups.totalCount} groups.
          </p>
        ) : null}
      </Section>
      <Section title="Archived groups">
        {archived.length === 0 ? (
          <EmptyState title={`No archived ${what}.`}>
            <p>An archived group keeps its work readable to its members and takes no changes.</p>
          </EmptyState>
        ) : (
          <GroupList groups={archived} onChanged={onChanged} />
        )}
      </Section>
    </div>
  );
}

function GroupList({ groups, onChanged }: { groups: GroupRow[]; onChanged: () => void }) {
  return (
    <ul className="item-list school-groups__list">
      {groups.map((group) => (
        <GroupItem key={group.id} group={group} onChanged={onChanged} />
      ))}
    </ul>
  );
}

function GroupItem({ group, onChanged }: { group: GroupRow; onChanged: () => void }) {
  const [archiving, archive] = useMutation(ArchiveGroupMutation);
  const [unarchiving, unarchive] = useMutation(UnarchiveGroupMutation);
  const [failure, setFailure] = useState<ShowableError | null>(null);
  const members = group.members.edges.map((edge) => edge.node);
  const facilitators = members.filter((member) => member.role === "FACILITATOR").map((member) => member.user.name);
  const details = [group.gradeLevel ? `Grade ${group.gradeLevel}` : null, group.subject, group.meetingCadence].filter(Boolean).join(" · ");
  const more = group.members.totalCount - members.length;

  async function toggleArchive() {
    setFailure(null);
    const error = group.archivedAt
      ? mutationFailure(await unarchive({ groupId: group.id }), "unarchiveGroup")
      : mutationFailure(await archive({ groupId: group.id }), "archiveGroup");
    if (error) setFailure(error);
    else onChanged();
  }

  return (
    <li>
      <div className="item-title">
        <Link to={paths.group(group.id)}>{group.name}</Link>
      </div>
      <div className="item-meta">
        <GroupKindBadge kind={group.kind} />
        {group.archivedAt ? <Badge tone="warn">Archived</Badge> : null}
        {details ? <span>{details}</span> : null}
      </div>
      <p className="item-meta">
        {members.length === 0
          ? "Nobody is in this group."
          : `${group.members.totalCount === 1 ? "1 member" : `${group.members.totalCount} members`}: ${members.map((member) => member.user.name).join(", ")}${more > 0 ? ` and ${more} more` : ""}.`}
      </p>
      {group.kind === "PLC" ? (
        <p className="item-meta">
          {facilitators.length > 0 ? `Facilitated by ${facilitators.join(" and ")}.` : "No facilitator yet: open the group to name one."}
        </p>
      ) : null}
      {group.sizeWarning && !group.archivedAt ? <p className="item-meta">{group.sizeWarning}</p> : null}
      {failure ? <ErrorState title={`${group.name} could not be changed`} error={failure} /> : null}
      <div className="school-groups__actions">
        {group.viewerCan.manage ? (
          <>
            <Link to={paths.group(group.id)} aria-label={`Members and settings of ${group.name}`}>
              Members and settings
            </Link>
            <Button
              size="small"
              variant="secondary"
              onClick={() => void toggleArchive()}
              busy={archiving.fetching || unarchiving.fetching}
              aria-label={group.archivedAt ? `Unarchive ${group.name}` : `Archive ${group.name}`}
            >
              {group.archivedAt ? "Unarchive" : "Archive"}
            </Button>
          </>
        ) : (
          <span className="item-meta">Run by its members.</span>
        )}
      </div>
    </li>
  );
}
