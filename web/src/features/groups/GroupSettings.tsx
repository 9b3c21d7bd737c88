// A group's settings, on its page: its name, focus and meeting cadence (and a PLC's grade level
// and subject) for those who manage it; archiving and bringing it back; and leaving it, for
// anyone in it. Leaving and archiving ask first, and say what will happen.
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { useMutation } from "urql";
import { paths } from "../../app/paths.ts";
import { formFailure, withoutField, type FormFailure } from "../../graphql/field-issues.ts";
import { ArchiveGroupMutation, UnarchiveGroupMutation } from "../../graphql/group-archive.ts";
import { graphql, readFragment, type FragmentOf, type ResultOf } from "../../graphql/graphql.ts";
import { mutationFailure, mutationOutcome, MutationErrorFragment } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { GROUP_DETAIL_FIELDS, GroupDetailsFields, groupDetailsInput, type GroupDetails } from "../../ui/GroupDetailsFields.tsx";
import { Section } from "../../ui/layout.tsx";
import { ErrorState, SuccessMessage, type ShowableError } from "../../ui/states.tsx";
import "./group-settings.css";

export const SettingsFragment = graphql(`
  fragment GroupSettings on Group {
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
      manage
      leave
    }
    memberCount: members(first: 1) {
      totalCount
    }
  }
`);

const UpdateGroupMutation = graphql(
  `
  mutation UpdateGroup($input: UpdateGroupInput!) {
    updateGroup(input: $input) {
      __typename
      ... on MutationUpdateGroupSuccess {
        data {
          id
          name
          focus
          meetingCadence
          gradeLevel
          subject
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

const LeaveGroupMutation = graphql(
  `
  mutation LeaveGroup($groupId: ID!) {
    leaveGroup(groupId: $groupId) {
      __typename
      ... on MutationLeaveGroupSuccess {
        data {
          groupId
          archived
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

/** What an archived group means, said at the top of its page. */
export function ArchivedNotice({ canUnarchive }: { canUnarchive: boolean }) {
  return (
    <p className="alert alert--info" role="note">
      This group is archived: everything in it can still be read, but nothing can be changed.
      {canUnarchive ? " Its settings below can bring it back." : ""}
    </p>
  );
}

export function GroupSettingsSection({ group: groupRef, onChanged }: { group: FragmentOf<typeof SettingsFragment>; onChanged: () => void }) {
  const group = readFragment(SettingsFragment, groupRef);
  if (!group.viewerCan.manage && !group.viewerCan.leave) return null;
  return (
    <Section title="Group settings">
      {group.viewerCan.manage && !group.archivedAt ? <SettingsForm group={group} onSaved={onChanged} /> : null}
      <GroupActions group={group} onChanged={onChanged} />
    </Section>
  );
}

type Group = ResultOf<typeof SettingsFragment>;

function SettingsForm({ group, onSaved }: { group: Group; onSaved: () => void }) {
  const [details, setDetails] = useState<GroupDetails>({
    name: group.name,
    focus: group.focus,
    meetingCadence: group.meetingCadence ?? "",
    gradeLevel: group.gradeLevel ?? "",
    subject: group.subject ?? "",
  });
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [saved, setSaved] = useState(false);
  const [saving, update] = useMutation(UpdateGroupMutation);
  const plc = group.kind === "PLC";

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    if (details.name.trim().length < 2) return setFailure({ fields: { name: "Give the group a name of at least 2 characters." }, general: null });
    setFailure(null);
    const result = await update({
      input: { groupId: group.id, ...groupDetailsInput(details, plc) },
    });
    const outcome = mutationOutcome(result, "updateGroup");
    if (!outcome.ok) return setFailure(formFailure(outcome.failure, GROUP_DETAIL_FIELDS));
    setSaved(true);
    onSaved();
  }

  return (
    <form className="form group-form" onSubmit={(event) => void save(event)} aria-label="Group settings" noValidate>
      <GroupDetailsFields
        value={details}
        onChange={(next, field) => {
          setDetails(next);
          setFailure((current) => withoutField(current, field));
        }}
        errors={failure?.fields}
        plc={plc}
        focusHint="What the group works on together."
      />
      {failure?.general ? (
        <p className="alert alert--error" role="alert">
          {failure.general}
        </p>
      ) : null}
      {saved ? <SuccessMessage>Saved.</SuccessMessage> : null}
      <div className="form-actions">
        <Button type="submit" busy={saving.fetching} busyLabel="Saving…">
          Save settings
        </Button>
      </div>
    </form>
  );
}

function GroupActions({ group, onChanged }: { group: Group; onChanged: () => void }) {
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState<"leave" | "archive" | null>(null);
  const [failure, setFailure] = useState<{ title: string; error: ShowableError } | null>(null);
  const [leaving, leave] = useMutation(LeaveGroupMutation);
  const [archiving, archive] = useMutation(ArchiveGroupMutation);
  const [unarchiving, unarchive] = useMutation(UnarchiveGroupMutation);
  const lastPeer = group.kind === "PEER" && group.memberCount.totalCount <= 1;

  async function doLeave() {
    setFailure(null);
    const error = mutationFailure(await leave({ groupId: group.id }), "leaveGroup");
    setConfirming(null);
    if (error) return setFailure({ title: "You could not leave the group", error });
    navigate(paths.home);
  }

  async function doArchive() {
    setFailure(null);
    const error = mutationFailure(await archive({ groupId: group.id }), "archiveGroup");
    setConfirming(null);
    if (error) return setFailure({ title: "The group could not be archived", error });
    onChanged();
  }

  async function doUnarchive() {
    setFailure(null);
    const error = mutationFailure(await unarchive({ groupId: group.id }), "unarchiveGroup");
    if (error) return setFailure({ title: "The group could not be brought back", error });
    onChanged();
  }

  return (
    <>
      {failure ? <ErrorState title={failure.title} error={failure.error} /> : null}
      {group.viewerCan.manage ? (
        <div className="group-settings__danger">
          {group.archivedAt ? (
            <>
              <p>Bring the group back to work in it again.</p>
              <Button variant="secondary" onClick={() => void doUnarchive()} busy={unarchiving.fetching} busyLabel="Unarchiving…">
                Unarchive the group
              </Button>
            </>
          ) : (
            <>
              <p>Done for now? Archiving keeps everything readable and stops changes, until someone brings it back.</p>
              <Button variant="secondary" onClick={() => setConfirming("archive")}>
                Archive the group
              </Button>
            </>
          )}
        </div>
      ) : null}
      {group.viewerCan.leave ? (
        <div className="group-settings__danger">
          <p>Leaving takes you out of the group. What you wrote stays with the group.</p>
          <Button variant="danger" onClick={() => setConfirming("leave")}>
            Leave the group
          </Button>
        </div>
      ) : null}
      <ConfirmDialog
        open={confirming === "leave"}
        title={`Leave ${group.name}?`}
        confirmLabel="Leave the group"
        danger
        busy={leaving.fetching}
        onConfirm={() => void doLeave()}
        onCancel={() => setConfirming(null)}
      >
        <p>You will no longer see its documents, meetings and notes. A member can add you again later.</p>
        {lastPeer ? <p>You are its last member: the group will be archived, and nobody will be able to open its work.</p> : null}
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming === "archive"}
        title={`Archive ${group.name}?`}
        confirmLabel="Archive the group"
        busy={archiving.fetching}
        onConfirm={() => void doArchive()}
        onCancel={() => setConfirming(null)}
      >
        <p>Everything in it stays readable, and nobody can change it until it is brought back.</p>
      </ConfirmDialog>
    </>
  );
}
