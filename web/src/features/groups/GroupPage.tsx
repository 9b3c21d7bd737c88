// A group's page: who is in it, its norms, meetings, documents, goals and action items. It stays
// current during a meeting: any activity in the group (a document created, an item changed,
// a meeting started) refreshes it. A leader looking at a peer group sees who is in it, never its work.
import { useCallback } from "react";
import { Link, useLocation, useParams } from "react-router-dom";
import { useQuery, useSubscription } from "urql";
import { useAuth } from "../../app/auth.tsx";
import { paths } from "../../app/paths.ts";
import { graphql } from "../../graphql/graphql.ts";
import { ButtonLink } from "../../ui/Button.tsx";
import { GroupKindBadge } from "../../ui/badges.tsx";
import { Badge, PageHeader, Section } from "../../ui/layout.tsx";
import { ErrorState, Loading } from "../../ui/states.tsx";
import { DocumentsFragment, DocumentsSection } from "./DocumentsSection.tsx";
import { ActionItemsFragment, ActionItemsSection, GoalsFragment, GoalsSection, SessionsFragment, SessionsSection } from "./GroupSections.tsx";
import { ArchivedNotice, GroupSettingsSection, SettingsFragment } from "./GroupSettings.tsx";
import { MembersFragment, MembersSection } from "./MembersSection.tsx";
import { NormsFragment, NormsSection } from "./NormsSection.tsx";
import { SharingFragment, SharingSection } from "./SharingSection.tsx";
import { CalendarLink } from "../../ui/calendar/CalendarLink.tsx";
import { ScheduleMeetingButton, ScheduleMeetingFragment } from "./ScheduleMeeting.tsx";

const GroupQuery = graphql(
  `
    query Group($id: ID!) {
      node(id: $id) {
        __typename
        ... on Group {
          id
          name
          kind
          focus
          meetingCadence
          gradeLevel
          subject
          archivedAt
          viewerRole
          viewerCan {
            readContent
            writeContent
            manage
          }
          ...GroupMembers
          ...GroupSettings
          ...GroupNorms
          ...GroupSessions
          ...GroupDocuments
          ...GroupGoals
          ...GroupActionItems
          ...GroupSharing
          ...GroupScheduleMeeting
        }
      }
    }
  `,
  [
    MembersFragment,
    SettingsFragment,
    NormsFragment,
    SessionsFragment,
    DocumentsFragment,
    GoalsFragment,
    ActionItemsFragment,
    SharingFragment,
    ScheduleMeetingFragment,
  ],
);

const GroupActivitySubscription = graphql(`
  subscription GroupActivity($groupId: ID!) {
    groupActivity(groupId: $groupId) {
      id
      type
    }
  }
`);

const MEETING_ONLY = new Set(["AGENDA_CHANGED", "ATTENDANCE_RECORDED", "AGENDA_TIMER_CHANGED"]);

export function GroupPage() {
  const { groupId = "" } = useParams();
  const { viewer } = useAuth();
  // The document page sends people here after they deleted a document, saying which.
  const location = useLocation();
  const deletedTitle = (location.state as { deletedDocument?: string } | null)?.deletedDocument ?? null;
  const [result, reexecute] = useQuery({ query: GroupQuery, variables: { id: groupId } });
  const refresh = useCallback(() => reexecute({ requestPolicy: "network-only" }), [reexecute]);

  const group = result.data?.node?.__typename === "Group" ? result.data.node : null;
  useSubscription({ query: GroupActivitySubscription, variables: { groupId }, pause: !group?.viewerCan.readContent }, (_previous, event) => {
    // What happens inside a meeting (its agenda, attendance, timers) shows on the meeting's page, not here.
    if (!MEETING_ONLY.has(event.groupActivity.type)) refresh();
    return event;
  });

  if (!group) {
    if (result.fetching && !result.data) return <Loading label="Loading the group…" />;
    if (result.error && !result.data) return <ErrorState title="The group could not be loaded" error={result.error} retry={refresh} />;
    return (
      <>
        <PageHeader title="Group not found" subtitle="This group does not exist, or you are not allowed to see it." />
        {result.error ? <ErrorState title="Details" error={result.error} /> : null}
        <p>
          <Link to={paths.home}>Back to your home page</Link>
        </p>
      </>
    );
  }

  const details = [group.gradeLevel ? `Grade ${group.gradeLevel}` : null, group.subject, group.meetingCadence].filter(Boolean).join(" · ");
  return (
    <>
      <PageHeader
        title={group.name}
        subtitle={
          <>
            <GroupKindBadge kind={group.kind} /> {group.archivedAt ? <Badge tone="warn">Archived</Badge> : null} {details}
          </>
        }
        actions={
          group.kind === "PLC" && group.viewerCan.readContent ? (
            <ButtonLink to={paths.groupData(group.id)} variant="secondary">
              Student data
            </ButtonLink>
          ) : null
        }
      />
      {group.archivedAt ? <ArchivedNotice canUnarchive={group.viewerCan.manage} /> : null}
      {group.focus ? <p className="group-focus">{group.focus}</p> : null}
      {result.error ? <ErrorState title="Some of this group could not be loaded" error={result.error} retry={refresh} /> : null}
      {group.viewerCan.readContent ? (
        <div className="grid">
          <DocumentsSection group={group} deletedTitle={deletedTitle} onChanged={refresh} />
          <SessionsSection group={group} actions={<ScheduleMeetingButton group={group} />} />
          <ActionItemsSection group={group} />
          <GoalsSection group={group} onChanged={refresh} />
          <SharingSection group={group} onChanged={refresh} />
          <NormsSection group={group} archived={group.archivedAt !== null} onChanged={refresh} />
          <MembersSection group={group} viewerId={viewer?.id ?? ""} onChanged={refresh} />
          <GroupSettingsSection group={group} onChanged={refresh} />
          {/* A feed of the group's meetings is for its members: a leader reading a PLC follows it from their own calendar link. */}
          {group.viewerRole ? (
            <Section title="Add to calendar">
              <CalendarLink scope={{ groupId: group.id }} what={`${group.name}'s meetings`} />
            </Section>
          ) : null}
        </div>
      ) : (
        <div className="grid">
          <MembersSection group={group} viewerId={viewer?.id ?? ""} onChanged={refresh} />
          <GroupSettingsSection group={group} onChanged={refresh} />
          <Section title="The group's work">
            <p>
              This is a peer coaching group: its documents, meetings, feedback and notes stay within the group. Anything the group decides to share with coaches
              appears on the coach dashboard.
            </p>
          </Section>
        </div>
      )}
    </>
  );
}
