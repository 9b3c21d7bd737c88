// School settings (/school/settings), for the school's admins: its name, time zone, grade levels
// and subjects (the same form as "Create your school"), and help for a member who cannot sign in
// (a password-reset link to hand over). Anyone else is told, in a sentence, who can change them.
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { useAuth } from "../../app/auth.tsx";
import { useConsoleSchool } from "../../app/console-school.ts";
import { graphql, type ResultOf } from "../../graphql/graphql.ts";
import { mutationOutcome, MutationErrorFragment } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import { humanize } from "../../ui/format.ts";
import { Section, SectionHeader } from "../../ui/layout.tsx";
import { EmptyState, QueryState, SuccessMessage, type ShowableError } from "../../ui/states.tsx";
import { ResetLinkDialog } from "../password-reset/ResetLinkDialog.tsx";
import { SchoolForm, type SchoolSettings } from "./SchoolForm.tsx";

const SchoolSettingsQuery = graphql(`
  query SchoolSettings($schoolId: ID!) {
    node(id: $schoolId) {
      ... on School {
        id
        name
        timeZone
        gradeLevels
        subjects
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
    }
  }
`);

const UpdateSchoolMutation = graphql(
  `
  mutation UpdateSchool($input: UpdateSchoolInput!) {
    updateSchool(input: $input) {
      __typename
      ... on MutationUpdateSchoolSuccess {
        data {
          id
          name
          timeZone
          gradeLevels
          subjects
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

type School = Extract<NonNullable<ResultOf<typeof SchoolSettingsQuery>["node"]>, { id: string; timeZone: string }>;

export function SchoolSettingsPage() {
  const { refreshViewer } = useAuth();
  const school = useConsoleSchool();
  return (
    <>
      <SectionHeader title="Settings" subtitle="Your school's name, time zone, grade levels and subjects." />
      <SchoolSettingsFor key={school.id} schoolId={school.id} onRenamed={() => void refreshViewer()} />
    </>
  );
}

function SchoolSettingsFor({ schoolId, onRenamed }: { schoolId: string; onRenamed: () => void }) {
  const [result, reexecute] = useQuery({ query: SchoolSettingsQuery, variables: { schoolId } });
  return (
    <QueryState result={result} retry={() => reexecute({ requestPolicy: "network-only" })} loadingLabel="Loading the school…">
      {(data) => {
        const school = data.node as School | null;
        if (!school?.timeZone) return <EmptyState title="This school could not be found." />;
        return (
          <div className="grid grid--wide">
            <SettingsSection school={school} onRenamed={onRenamed} />
            <SignInHelpSection school={school} />
          </div>
        );
      }}
    </QueryState>
  );
}

function SettingsSection({ school, onRenamed }: { school: School; onRenamed: () => void }) {
  const [{ fetching }, updateSchool] = useMutation(UpdateSchoolMutation);
  const [failure, setFailure] = useState<ShowableError | null>(null);
  const [saved, setSaved] = useState(false);
  const initial: SchoolSettings = { name: school.name, timeZone: school.timeZone, gradeLevels: [...school.gradeLevels], subjects: [...school.subjects] };

  async function onSubmit(settings: SchoolSettings) {
    setFailure(null);
    setSaved(false);
    const outcome = mutationOutcome(await updateSchool({ input: { schoolId: school.id, ...settings } }), "updateSchool");
    if (!outcome.ok) {
      setFailure(outcome.failure);
      return;
    }
    setSaved(true);
    if (outcome.payload.data.name !== school.name) onRenamed();
  }

  return (
    <Section title="About the school">
      <SchoolForm initial={initial} submitLabel="Save the settings" busyLabel="Saving…" busy={fetching} failure={failure} onSubmit={onSubmit}>
        {saved ? <SuccessMessage>The settings are saved.</SuccessMessage> : null}
      </SchoolForm>
    </Section>
  );
}

/** Until Staffroom emails every school's staff, an admin hands a member a password-reset link. */
function SignInHelpSection({ school }: { school: School }) {
  const { viewer } = useAuth();
  const [helping, setHelping] = useState<{ memberId: string; name: string } | null>(null);
  const others = school.members.edges.map((edge) => edge.node).filter((member) => member.user.id !== viewer?.id);
  return (
    <Section title="Help someone sign in">
      <p>Someone forgot their password and the email does not reach them? Make them a link that sets a new one.</p>
      {others.length === 0 ? (
        <EmptyState title="Nobody else is in the school yet.">
          <p>Once your staff have joined, you can help them sign in from here.</p>
        </EmptyState>
      ) : (
        <ul className="item-list">
          {others.map((member) => (
            <li key={member.id} className="item-row">
              <span>
                {member.user.name} <span className="item-meta">{humanize(member.role)}</span>
              </span>
              <Button variant="secondary" size="small" onClick={() => setHelping({ memberId: member.id, name: member.user.name })}>
                Password-reset link<span className="visually-hidden"> for {member.user.name}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      {school.members.totalCount > school.members.edges.length ? <p className="item-meta">Showing the first {school.members.edges.length} people.</p> : null}
      <ResetLinkDialog memberId={helping?.memberId ?? ""} memberName={helping?.name ?? ""} open={helping !== null} onClose={() => setHelping(null)} />
    </Section>
  );
}
