// "Create your school": a signed-in person starts a school and becomes its admin, then lands on
// Home as its admin.
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { useMutation } from "urql";
import { useAuth } from "../../app/auth.tsx";
import { paths } from "../../app/paths.ts";
import { graphql } from "../../graphql/graphql.ts";
import { mutationOutcome, MutationErrorFragment } from "../../graphql/mutation-outcome.ts";
import { PageHeader, Section } from "../../ui/layout.tsx";
import type { ShowableError } from "../../ui/states.tsx";
import { browserTimeZone, SchoolForm, type SchoolSettings } from "./SchoolForm.tsx";

const CreateSchoolMutation = graphql(
  `
  mutation CreateSchool($input: CreateSchoolInput!) {
    createSchool(input: $input) {
      __typename
      ... on MutationCreateSchoolSuccess {
        data {
          id
          name
          viewerRole
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

export function CreateSchoolPage() {
  const { refreshViewer } = useAuth();
  const navigate = useNavigate();
  const [{ fetching }, createSchool] = useMutation(CreateSchoolMutation);
  const [failure, setFailure] = useState<ShowableError | null>(null);
  const [initial] = useState<SchoolSettings>(() => ({ name: "", timeZone: browserTimeZone(), gradeLevels: [], subjects: [] }));

  async function onSubmit(settings: SchoolSettings) {
    setFailure(null);
    const outcome = mutationOutcome(await createSchool({ input: settings }), "createSchool");
    if (!outcome.ok) {
      setFailure(outcome.failure);
      return;
    }
    // Home shows what an admin sees once the viewer knows their new role.
    await refreshViewer();
    navigate(paths.home);
  }

  return (
    <>
      <PageHeader title="Create your school" subtitle="You become its admin: you can invite your staff and form groups next." />
      <Section title="About your school">
        <SchoolForm initial={initial} submitLabel="Create the school" busyLabel="Creating…" busy={fetching} failure={failure} onSubmit={onSubmit} />
      </Section>
    </>
  );
}
