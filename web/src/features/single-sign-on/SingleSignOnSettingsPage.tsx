// The school's single sign-on settings (admins only): the OpenID Connect provider its staff sign
// in with (Google Workspace, Microsoft 365, …), its client, and which email domains it covers.
// "Test connection" asks the api to read the provider's discovery document; "Save" checks it the
// same way before storing anything. The client secret is write-only: the page shows only that it
// is set and its last four characters, and leaving the field empty keeps it.
import { useEffect, useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { useConsoleSchool } from "../../app/console-school.ts";
import { graphql, type ResultOf } from "../../graphql/graphql.ts";
import { mutationOutcome, MutationErrorFragment } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { TextAreaField, TextField } from "../../ui/fields.tsx";
import { Section, SectionHeader } from "../../ui/layout.tsx";
import { ErrorState, QueryState, SuccessMessage, type ShowableError } from "../../ui/states.tsx";

const SettingsQuery = graphql(`
  query SingleSignOnSettings($schoolId: ID!) {
    singleSignOnRedirectUri
    node(id: $schoolId) {
      ... on School {
        id
        name
        singleSignOn {
          issuer
          clientId
          clientSecretHint
          allowedDomains
          enabled
        }
      }
    }
  }
`);

const ConfigureMutation = graphql(
  `
  mutation ConfigureSingleSignOn($input: ConfigureSingleSignOnInput!) {
    configureSingleSignOn(input: $input) {
      __typename
      ... on MutationConfigureSingleSignOnSuccess {
        data {
          issuer
          clientId
          clientSecretHint
          allowedDomains
          enabled
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

const DisableMutation = graphql(
  `
  mutation DisableSingleSignOn($schoolId: ID!) {
    disableSingleSignOn(schoolId: $schoolId) {
      __typename
      ... on MutationDisableSingleSignOnSuccess {
        data {
          enabled
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

const TestConnectionMutation = graphql(
  `
  mutation TestSingleSignOnConnection($input: TestSingleSignOnConnectionInput!) {
    testSingleSignOnConnection(input: $input) {
      __typename
      ... on MutationTestSingleSignOnConnectionSuccess {
        data {
          issuer
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

type Settings = NonNullable<Extract<NonNullable<ResultOf<typeof SettingsQuery>["node"]>, { name: string }>["singleSignOn"]>;

export function SingleSignOnSettingsPage() {
  const school = useConsoleSchool();
  return (
    <>
      <SectionHeader title="Single sign-on" subtitle="Let your staff sign in with their school Google Workspace or Microsoft 365 account." />
      <SchoolSettings key={school.id} schoolId={school.id} />
    </>
  );
}

function SchoolSettings({ schoolId }: { schoolId: string }) {
  const [result, reexecute] = useQuery({ query: SettingsQuery, variables: { schoolId } });
  return (
    <QueryState result={result} retry={() => reexecute({ requestPolicy: "network-only" })}>
      {(data) => {
        const school = data.node && "name" in data.node ? data.node : null;
        if (!school) return <ErrorState title="This school could not be found" error="Reload the page, or choose another school." />;
        return <SettingsForm schoolId={schoolId} redirectUri={data.singleSignOnRedirectUri} stored={school.singleSignOn ?? null} />;
      }}
    </QueryState>
  );
}

/** Field errors from the api's issues, by input field (its path may start with "input."). */
function issuesByField(failure: ShowableError | null): Record<string, string> {
  if (!failure || typeof failure === "string" || !("issues" in failure) || !failure.issues) return {};
  const byField: Record<string, string> = {};
  for (const issue of failure.issues) {
    const field = issue.path.replace(/^input\./, "").split(".")[0] ?? "";
    byField[field] = byField[field] ? `${byField[field]} ${issue.message}` : issue.message;
  }
  return byField;
}

function failureSentence(failure: ShowableError): string {
  if (typeof failure === "string") return failure;
  if ("graphQLErrors" in failure) return "Staffroom could not save this. Check the connection and try again.";
  return failure.message;
}

function SettingsForm({ schoolId, redirectUri, stored }: { schoolId: string; redirectUri: string; stored: Settings | null }) {
  const [issuer, setIssuer] = useState(stored?.issuer ?? "");
  const [clientId, setClientId] = useState(stored?.clientId ?? "");
  const [clientSecret, setClientSecret] = useState("");
  const [domains, setDomains] = useState((stored?.allowedDomains ?? []).join("\n"));
  const [current, setCurrent] = useState(stored);
  const [failure, setFailure] = useState<ShowableError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmingOff, setConfirmingOff] = useState(false);
  const [{ fetching: saving }, configure] = useMutation(ConfigureMutation);
  const [{ fetching: disabling }, disable] = useMutation(DisableMutation);
  const [{ fetching: testing }, testConnection] = useMutation(TestConnectionMutation);
  useEffect(() => setCurrent(stored), [stored]);

  const fieldErrors = issuesByField(failure);
  const generalIssues = failure && Object.keys(fieldErrors).length === 0 ? failureSentence(failure) : null;

  async function onSave(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    setNotice(null);
    const allowedDomains = domains
      .split(/[\s,]+/)
      .map((domain) => domain.trim())
      .filter(Boolean);
    const outcome = mutationOutcome(
      await configure({ input: { schoolId, issuer, clientId, ...(clientSecret ? { clientSecret } : {}), allowedDomains, enabled: true } }),
      "configureSingleSignOn",
    );
    if (!outcome.ok) return setFailure(outcome.failure);
    setCurrent(outcome.payload.data);
    setClientSecret("");
    setDomains(outcome.payload.data.allowedDomains.join("\n"));
    setNotice("Saved. Your staff can now sign in with their school account.");
  }

  async function onTest() {
    setFailure(null);
    setNotice(null);
    const outcome = mutationOutcome(await testConnection({ input: { schoolId, issuer } }), "testSingleSignOnConnection");
    if (!outcome.ok) return setFailure(outcome.failure);
    setNotice(`The provider at ${outcome.payload.data.issuer} answered. Save to use it.`);
  }

  async function onDisable() {
    setConfirmingOff(false);
    setFailure(null);
    setNotice(null);
    const outcome = mutationOutcome(await disable({ schoolId }), "disableSingleSignOn");
    if (!outcome.ok) return setFailure(outcome.failure);
    if (current) setCurrent({ ...current, enabled: false });
    setNotice("Single sign-on is off. Staff sign in with their email and password; your settings are kept.");
  }

  return (
    <>
      <Section title="Status">
        <p>
          {current?.enabled
            ? "On: staff whose addresses are in the domains below sign in with their school account."
            : current
              ? "Off: staff sign in with their email and password. Save the settings to turn it back on."
              : "Not set up yet: staff sign in with their email and password."}
        </p>
      </Section>
      <Section title="Provider">
        <form className="form" onSubmit={onSave} noValidate>
          <TextField
            label="Redirect URI"
            hint="Register this address with your provider as the app's redirect URI."
            value={redirectUri}
            readOnly
            onFocus={(event) => event.currentTarget.select()}
          />
          <TextField
            label="Issuer URL"
            hint="Google Workspace: https://accounts.google.com. Microsoft 365: https://login.microsoftonline.com/<your tenant id>/v2.0"
            type="url"
            required
            value={issuer}
            error={fieldErrors["issuer"]}
            onChange={(event) => setIssuer(event.target.value)}
          />
          <TextField label="Client ID" required value={clientId} error={fieldErrors["clientId"]} onChange={(event) => setClientId(event.target.value)} />
          <TextField
            label="Client secret"
            type="password"
            autoComplete="off"
            hint={current ? `A secret is stored (${current.clientSecretHint}). Leave this empty to keep it.` : "From your provider's app registration."}
            value={clientSecret}
            error={fieldErrors["clientSecret"]}
            onChange={(event) => setClientSecret(event.target.value)}
          />
          <TextAreaField
            label="Allowed email domains"
            hint="One per line, like school.org. Only addresses your school added to Staffroom can sign in."
            rows={3}
            value={domains}
            error={fieldErrors["allowedDomains"]}
            onChange={(event) => setDomains(event.target.value)}
          />
          {generalIssues ? <ErrorState title="Could not save" error={generalIssues} /> : null}
          {notice ? <SuccessMessage>{notice}</SuccessMessage> : null}
          <div className="form form--inline">
            <Button type="submit" busy={saving} busyLabel="Checking the provider…">
              {current?.enabled === false ? "Save and turn on" : "Save"}
            </Button>
            <Button variant="secondary" onClick={onTest} busy={testing} busyLabel="Testing…" disabled={!issuer.trim()}>
              Test connection
            </Button>
            {current?.enabled ? (
              <Button variant="danger" onClick={() => setConfirmingOff(true)} busy={disabling} busyLabel="Turning off…">
                Turn off single sign-on
              </Button>
            ) : null}
          </div>
        </form>
      </Section>
      <ConfirmDialog
        open={confirmingOff}
        title="Turn off single sign-on?"
        confirmLabel="Turn off"
        danger
        busy={disabling}
        onConfirm={onDisable}
        onCancel={() => setConfirmingOff(false)}
      >
        <p>Staff will sign in with their email and password. The settings are kept, so you can turn it back on.</p>
      </ConfirmDialog>
    </>
  );
}
