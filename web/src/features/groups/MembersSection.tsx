// Who is in the group. Its managers (every member of a peer group; a PLC's facilitators and the
// school's leaders) add colleagues and remove people here, and a PLC's managers name its
// facilitators. Everyone else, leaders looking at a peer group included, sees the list only.
import { useState } from "react";
import { useMutation } from "urql";
import type { Colleague } from "../../graphql/colleagues.ts";
import { graphql, readFragment, type FragmentOf } from "../../graphql/graphql.ts";
import { mutationFailure, MutationErrorFragment } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import { ColleaguePicker } from "../../ui/ColleaguePicker.tsx";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { Badge, Section } from "../../ui/layout.tsx";
import { EmptyState, ErrorState, type ShowableError } from "../../ui/states.tsx";
import { PEER_GROUP_GUIDANCE, PEER_GROUP_SIZE } from "./peer-group-size.ts";

export const MembersFragment = graphql(`
  fragment GroupMembers on Group {
    id
    name
    kind
    archivedAt
    sizeWarning
    school {
      id
    }
    viewerCan {
      manage
      changeRoles
    }
    members(first: 100) {
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
`);

const AddMemberMutation = graphql(
  `
  mutation AddGroupMember($groupId: ID!, $member: GroupMemberInput!) {
    addGroupMember(groupId: $groupId, member: $member) {
      __typename
      ... on MutationAddGroupMemberSuccess {
        data {
          id
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

const RemoveMemberMutation = graphql(
  `
  mutation RemoveGroupMember($groupId: ID!, $userId: ID!) {
    removeGroupMember(groupId: $groupId, userId: $userId) {
      __typename
      ... on MutationRemoveGroupMemberSuccess {
        data
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

const ChangeRoleMutation = graphql(
  `
  mutation ChangeGroupMemberRole($memberId: ID!, $role: GroupRole!) {
    changeGroupMemberRole(memberId: $memberId, role: $role) {
      __typename
      ... on MutationChangeGroupMemberRoleSuccess {
        data {
          id
          role
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

type Member = { id: string; role: string; user: { id: string; name: string } };

export function MembersSection({
  group: groupRef,
  viewerId,
  onChanged,
}: {
  group: FragmentOf<typeof MembersFragment>;
  viewerId: string;
  onChanged: () => void;
}) {
  const group = readFragment(MembersFragment, groupRef);
  const members = group.members.edges.map((edge) => edge.node);
  const editable = group.viewerCan.manage && !group.archivedAt;
  const peer = group.kind === "PEER";
  const full = peer && members.length >= PEER_GROUP_SIZE.max;
  const [adding, addMember] = useMutation(AddMemberMutation);
  const [removing, removeMember] = useMutation(RemoveMemberMutation);
  const [changing, changeRole] = useMutation(ChangeRoleMutation);
  const [pickedUserId, setPickedUserId] = useState<string | null>(null);
  const [toRemove, setToRemove] = useState<Member | null>(null);
  const [failure, setFailure] = useState<{ title: string; error: ShowableError } | null>(null);

  async function add(colleague: Colleague) {
    setFailure(null);
    setPickedUserId(colleague.user.id);
    const error = mutationFailure(await addMember({ groupId: group.id, member: { userId: colleague.user.id } }), "addGroupMember");
    setPickedUserId(null);
    if (error) setFailure({ title: `${colleague.user.name} could not be added`, error });
    else onChanged();
  }

  async function remove(member: Member) {
    setFailure(null);
    const error = mutationFailure(await removeMember({ groupId: group.id, userId: member.user.id }), "removeGroupMember");
    setToRemove(null);
    if (error) setFailure({ title: `${member.user.name} could not be removed`, error });
    else onChanged();
  }

  async function setRole(member: Member, role: "FACILITATOR" | "MEMBER") {
    setFailure(null);
    const error = mutationFailure(await changeRole({ memberId: member.id, role }), "changeGroupMemberRole");
    if (error) setFailure({ title: `${member.user.name}'s role could not be changed`, error });
    else onChanged();
  }

  return (
    <Section title="Members" actions={<Badge>{group.members.totalCount === 1 ? "1 person" : `${group.members.totalCount} people`}</Badge>}>
      {group.sizeWarning ? <p className="alert alert--info">{group.sizeWarning}</p> : null}
      {members.length === 0 ? (
        <EmptyState title="Nobody is in this group.">
          <p>{peer ? "Its last member left, so it was archived." : "Add people from the school's staff below."}</p>
        </EmptyState>
      ) : (
        <ul className="member-list">
          {members.map((member) => (
            <li key={member.id}>
              <span>
                {member.user.name}
                {member.user.id === viewerId ? " (you)" : ""}
              </span>
              {member.role === "FACILITATOR" ? <Badge tone="accent">Facilitator</Badge> : null}
              {editable ? (
                <span className="member-list__actions">
                  {group.viewerCan.changeRoles ? (
                    <Button
                      size="small"
                      variant="secondary"
                      busy={changing.fetching && changing.operation?.variables.memberId === member.id}
                      onClick={() => void setRole(member, member.role === "FACILITATOR" ? "MEMBER" : "FACILITATOR")}
                      aria-label={member.role === "FACILITATOR" ? `Make a member: ${member.user.name}` : `Make facilitator: ${member.user.name}`}
                    >
                      {member.role === "FACILITATOR" ? "Make a member" : "Make facilitator"}
                    </Button>
                  ) : null}
                  {member.user.id !== viewerId ? (
                    <Button size="small" variant="quiet" onClick={() => setToRemove(member)} aria-label={`Remove ${member.user.name}`}>
                      Remove
                    </Button>
                  ) : null}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {failure ? <ErrorState title={failure.title} error={failure.error} /> : null}
      {editable ? (
        full ? (
          <p className="item-meta">This group has {PEER_GROUP_SIZE.max} members, as many as a peer group holds. Start another group for more colleagues.</p>
        ) : (
          <ColleaguePicker
            schoolId={group.school.id}
            label="Add a colleague"
            hint={peer ? PEER_GROUP_GUIDANCE : "Anyone on the school's staff."}
            exclude={new Set(members.map((member) => member.user.id))}
            busyUserId={adding.fetching ? pickedUserId : null}
            onPick={(colleague) => void add(colleague)}
          />
        )
      ) : null}
      <ConfirmDialog
        open={toRemove !== null}
        title={toRemove ? `Remove ${toRemove.user.name} from ${group.name}?` : "Remove"}
        confirmLabel="Remove"
        danger
        busy={removing.fetching}
        onConfirm={() => (toRemove ? void remove(toRemove) : undefined)}
        onCancel={() => setToRemove(null)}
      >
        <p>They will no longer see the group's documents, meetings and notes. What they wrote stays in the group.</p>
      </ConfirmDialog>
    </Section>
  );
}
