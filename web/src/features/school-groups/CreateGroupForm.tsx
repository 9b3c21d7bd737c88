// Creating a group from the console: a PLC (grade level, subject, members and who facilitates)
// or a peer group an admin convenes for teachers (3 to 6 of them; the admin is not in it).
import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { useMutation } from "urql";
import { paths } from "../../app/paths.ts";
import type { Colleague } from "../../graphql/colleagues.ts";
import { formFailure, withoutField, type FormFailure } from "../../graphql/field-issues.ts";
import { graphql } from "../../graphql/graphql.ts";
import { mutationOutcome, MutationErrorFragment } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import { ColleaguePicker } from "../../ui/ColleaguePicker.tsx";
import { GROUP_DETAIL_FIELDS, GroupDetailsFields, groupDetailsInput, NO_GROUP_DETAILS, type GroupDetails } from "../../ui/GroupDetailsFields.tsx";
import { Section } from "../../ui/layout.tsx";
import { SuccessMessage } from "../../ui/states.tsx";

const CreateGroupMutation = graphql(
  `
  mutation ConsoleCreateGroup($input: CreateGroupInput!) {
    createGroup(input: $input) {
      __typename
      ... on MutationCreateGroupSuccess {
        data {
          id
          name
          kind
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

const FIELDS = [...GROUP_DETAIL_FIELDS, "members"] as const;
type Picked = { colleague: Colleague; facilitator: boolean };

export function CreateGroupForm({ schoolId, onCreated }: { schoolId: string; onCreated: () => void }) {
  const [kind, setKind] = useState<"PLC" | "PEER">("PLC");
  const [details, setDetails] = useState<GroupDetails>(NO_GROUP_DETAILS);
  const [picked, setPicked] = useState<Picked[]>([]);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [created, setCreated] = useState<{ id: string; name: string } | null>(null);
  const [creating, create] = useMutation(CreateGroupMutation);
  const plc = kind === "PLC";

  function reset() {
    setDetails(NO_GROUP_DETAILS);
    setPicked([]);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setCreated(null);
    const fields: Record<string, string> = {};
    if (details.name.trim().length < 2) fields["name"] = "Give the group a name of at least 2 characters.";
    if (!plc && (picked.length < 3 || picked.length > 6))
      fields["members"] = `A peer group has 3 to 6 teachers; 3 to 5 works best. You picked ${picked.length}.`;
    if (Object.keys(fields).length > 0) return setFailure({ fields, general: null });
    setFailure(null);
    const result = await create({
      input: {
        schoolId,
        kind,
        ...groupDetailsInput(details, plc),
        members: picked.map(
          ({ colleague, facilitator }) => ({ userId: colleague.user.id, ...(plc ? { role: facilitator ? "FACILITATOR" : "MEMBER" } : {}) }) as const,
        ),
      },
    });
    const outcome = mutationOutcome(result, "createGroup");
    if (!outcome.ok) return setFailure(formFailure(outcome.failure, FIELDS));
    setCreated(outcome.payload.data);
    reset();
    onCreated();
  }

  return (
    <Section title="Create a group">
      <form className="form" onSubmit={(event) => void submit(event)} aria-label="Create a group" noValidate>
        <fieldset className="school-groups__kind">
          <legend>Kind of group</legend>
          <label>
            <input type="radio" name="kind" value="PLC" checked={plc} onChange={() => setKind("PLC")} /> PLC: a grade or subject team, with a facilitator
          </label>
          <label>
            <input type="radio" name="kind" value="PEER" checked={!plc} onChange={() => setKind("PEER")} /> Peer group: 3 to 6 teachers, all equals, who run it
            themselves
          </label>
        </fieldset>
        <GroupDetailsFields
          value={details}
          onChange={(next, field) => {
            setDetails(next);
            setFailure((current) => withoutField(current, field));
          }}
          errors={failure?.fields}
          plc={plc}
          focusHint="What the group works on."
          cadenceLabel="When it meets"
        />
        <fieldset className="school-groups__people">
          <legend>{plc ? "Members and facilitator" : "Teachers in the group"}</legend>
          <p className="item-meta">
            {plc
              ? "Tick who facilitates: they run its meetings with you. Coaches and admins steer every PLC."
              : "A peer group has 3 to 6 teachers; 3 to 5 works best. You will not be in it: you will see who is, never its work."}
          </p>
          {picked.length === 0 ? (
            <p className="item-meta">Nobody picked yet.</p>
          ) : (
            <ul className="member-list" aria-label="People in the new group">
              {picked.map(({ colleague, facilitator }) => (
                <li key={colleague.user.id}>
                  <span>{colleague.user.name}</span>
                  {plc ? (
                    <label className="school-groups__facilitator">
                      <input
                        type="checkbox"
                        checked={facilitator}
                        onChange={(event) =>
                          setPicked((list) => list.map((p) => (p.colleague.user.id === colleague.user.id ? { ...p, facilitator: event.target.checked } : p)))
                        }
                      />{" "}
                      Facilitator<span className="visually-hidden"> ({colleague.user.name})</span>
                    </label>
                  ) : null}
                  <Button
                    size="small"
                    variant="quiet"
                    onClick={() => setPicked((list) => list.filter((p) => p.colleague.user.id !== colleague.user.id))}
                    aria-label={`Take ${colleague.user.name} out`}
                  >
                    Take out
                  </Button>
                </li>
              ))}
            </ul>
          )}
          <ColleaguePicker
            schoolId={schoolId}
            label="Find someone on the staff"
            exclude={new Set(picked.map((p) => p.colleague.user.id))}
            error={failure?.fields["members"]}
            onPick={(colleague) => {
              setPicked((list) => [...list, { colleague, facilitator: plc && list.length === 0 }]);
              setFailure((current) => withoutField(current, "members"));
            }}
          />
        </fieldset>
        {failure?.general ? (
          <p className="alert alert--error" role="alert">
            {failure.general}
          </p>
        ) : null}
        {created ? (
          <SuccessMessage>
            <Link to={paths.group(created.id)}>{created.name}</Link> was created.
          </SuccessMessage>
        ) : null}
        <div>
          <Button type="submit" busy={creating.fetching} busyLabel="Creating…">
            {plc ? "Create the PLC" : "Create the peer group"}
          </Button>
        </div>
      </form>
    </Section>
  );
}
