// "Start a peer group": a teacher names the group, says what it will work on and when it meets,
// and picks two to five colleagues of the same school. The size rule is said before anyone
// submits (3 to 6 teachers, 3 to 5 works best), and the count updates as people are picked.
import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router-dom";
import { useMutation } from "urql";
import { useAuth } from "../../app/auth.tsx";
import { paths } from "../../app/paths.ts";
import type { Colleague } from "../../graphql/colleagues.ts";
import { formFailure, withoutField, type FormFailure } from "../../graphql/field-issues.ts";
import { graphql } from "../../graphql/graphql.ts";
import { mutationOutcome, MutationErrorFragment } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import { ColleaguePicker } from "../../ui/ColleaguePicker.tsx";
import { SelectField } from "../../ui/fields.tsx";
import { GROUP_DETAIL_FIELDS, GroupDetailsFields, groupDetailsInput, NO_GROUP_DETAILS, type GroupDetails } from "../../ui/GroupDetailsFields.tsx";
import { PageHeader } from "../../ui/layout.tsx";
import { EmptyState } from "../../ui/states.tsx";
import "./group-settings.css";
import { PEER_GROUP_GUIDANCE, PEER_GROUP_SIZE } from "./peer-group-size.ts";

const StartPeerGroupMutation = graphql(
  `
  mutation StartPeerGroup($input: CreateGroupInput!) {
    createGroup(input: $input) {
      __typename
      ... on MutationCreateGroupSuccess {
        data {
          id
          name
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

const FIELDS = [...GROUP_DETAIL_FIELDS, "members"] as const;

export function StartPeerGroupPage() {
  const { viewer } = useAuth();
  const schools = (viewer?.schools ?? []).filter((school) => school.role === "TEACHER");
  const [schoolId, setSchoolId] = useState(schools[0]?.id ?? "");
  const [details, setDetails] = useState<GroupDetails>(NO_GROUP_DETAILS);
  const [chosen, setChosen] = useState<Colleague[]>([]);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [creating, create] = useMutation(StartPeerGroupMutation);
  const navigate = useNavigate();

  if (schools.length === 0) {
    return (
      <>
        <PageHeader title="Start a peer group" />
        <EmptyState title="Peer groups are started by teachers.">
          <p>
            As a coach or admin you see every group of your school; admins set groups up in the <Link to={paths.schoolGroups}>school's groups</Link>.
          </p>
        </EmptyState>
      </>
    );
  }

  const size = chosen.length + 1;
  async function submit(event: FormEvent) {
    event.preventDefault();
    const fields: Record<string, string> = {};
    if (details.name.trim().length < 2) fields["name"] = "Give the group a name of at least 2 characters.";
    if (size < PEER_GROUP_SIZE.min) fields["members"] = `Pick at least ${PEER_GROUP_SIZE.min - 1} colleagues. ${PEER_GROUP_GUIDANCE}`;
    if (Object.keys(fields).length > 0) return setFailure({ fields, general: null });
    setFailure(null);
    const result = await create({
      input: {
        schoolId,
        kind: "PEER",
        ...groupDetailsInput(details, false),
        members: chosen.map((colleague) => ({ userId: colleague.user.id })),
      },
    });
    const outcome = mutationOutcome(result, "createGroup");
    if (outcome.ok) navigate(paths.group(outcome.payload.data.id));
    else setFailure(formFailure(outcome.failure, FIELDS));
  }

  const exclude = new Set([viewer?.id ?? "", ...chosen.map((colleague) => colleague.user.id)]);
  return (
    <>
      <PageHeader
        title="Start a peer group"
        subtitle="A few teachers, all equals, who visit each other's lessons, give each other feedback and try things together. What you do stays within the group."
      />
      <form className="form group-form section" onSubmit={(event) => void submit(event)} aria-label="Start a peer group" noValidate>
        {schools.length > 1 ? (
          <SelectField
            label="School"
            value={schoolId}
            onChange={(event) => {
              setSchoolId(event.target.value);
              setChosen([]);
            }}
            options={schools.map((school) => ({ value: school.id, label: school.name }))}
          />
        ) : null}
        <GroupDetailsFields
          value={details}
          onChange={(next, field) => {
            setDetails(next);
            setFailure((current) => withoutField(current, field));
          }}
          errors={failure?.fields}
          plc={false}
          focusHint="What you want to get better at together, e.g. “Questions that make students reason”."
        />
        <fieldset className="group-form__people">
          <legend>Colleagues</legend>
          <p>{PEER_GROUP_GUIDANCE}</p>
          <ChosenColleagues chosen={chosen} onRemove={(userId) => setChosen((list) => list.filter((colleague) => colleague.user.id !== userId))} />
          <p className="item-meta" role="status" aria-live="polite">
            With you, this group will have {size} {size === 1 ? "teacher" : "teachers"}.
            {size < PEER_GROUP_SIZE.min ? ` Pick at least ${PEER_GROUP_SIZE.min - size} more.` : ""}
            {size >= PEER_GROUP_SIZE.max ? " That is as many as a peer group holds." : ""}
          </p>
          {size < PEER_GROUP_SIZE.max ? (
            <ColleaguePicker
              schoolId={schoolId}
              label="Find a colleague"
              exclude={exclude}
              error={failure?.fields["members"]}
              onPick={(colleague) => {
                setChosen((list) => [...list, colleague]);
                setFailure((current) => withoutField(current, "members"));
              }}
            />
          ) : failure?.fields["members"] ? (
            <p className="field__error">{failure.fields["members"]}</p>
          ) : null}
        </fieldset>
        {failure?.general ? (
          <p className="alert alert--error" role="alert">
            {failure.general}
          </p>
        ) : null}
        <div className="form-actions">
          <Button type="submit" busy={creating.fetching} busyLabel="Starting the group…">
            Start the group
          </Button>
          <Link to={paths.home}>Cancel</Link>
        </div>
      </form>
    </>
  );
}

function ChosenColleagues({ chosen, onRemove }: { chosen: Colleague[]; onRemove: (userId: string) => void }) {
  if (chosen.length === 0) return <p className="item-meta">Nobody picked yet. Find colleagues by name below.</p>;
  return (
    <ul className="member-list" aria-label="Colleagues in the group">
      {chosen.map((colleague) => (
        <li key={colleague.user.id}>
          <span>{colleague.user.name}</span>
          <Button size="small" variant="quiet" onClick={() => onRemove(colleague.user.id)} aria-label={`Take ${colleague.user.name} out`}>
            Take out
          </Button>
        </li>
      ))}
    </ul>
  );
}
