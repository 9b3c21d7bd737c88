// Create an API token: a name, the scopes it may use (each with the api's own sentence), and when
// it expires. The secret comes back once, in the mutation's answer; the page shows it once.
import { useId, useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { mutationError } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import { TextField } from "../../ui/fields.tsx";
import { asSentence, errorSentences, localDayIso, todayIso } from "../../ui/format.ts";
import { ErrorState, QueryState, type ShowableError } from "../../ui/states.tsx";
import { ApiScopesQuery, CreateApiTokenMutation, TOKENS_CHANGED } from "./queries.ts";

export type CreatedToken = { secret: string; name: string };

type Expiry = "never" | "30" | "90" | "365" | "date";
const EXPIRY_OPTIONS: { value: Expiry; label: string }[] = [
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In a year (365 days)" },
  { value: "date", label: "On a date I choose" },
  { value: "never", label: "Never (revoke it yourself when it is no longer needed)" },
];
const DAY_MS = 86_400_000;

type FieldName = "name" | "scopes" | "expiresAt";
const FIELD_OF_PATH: Record<string, FieldName> = { "input.name": "name", "input.scopes": "scopes", expiresAt: "expiresAt", "input.expiresAt": "expiresAt" };

export function CreateTokenForm({ schoolId, onCreated }: { schoolId: string; onCreated: (token: CreatedToken) => void }) {
  const [scopesResult, refetchScopes] = useQuery({ query: ApiScopesQuery });
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<string[]>([]);
  const [expiry, setExpiry] = useState<Expiry>("90");
  const [date, setDate] = useState("");
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [failure, setFailure] = useState<ShowableError | null>(null);
  const [{ fetching }, create] = useMutation(CreateApiTokenMutation);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const local = checkForm(name, scopes, expiry, date);
    setErrors(local);
    const first = (["name", "scopes", "expiresAt"] as const).find((field) => local[field]);
    if (first) {
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    const result = await create({ input: { schoolId, name: name.trim(), scopes: scopes as never, expiresAt: expiresAt(expiry, date) } }, TOKENS_CHANGED);
    if (result.error || !result.data) {
      setFailure(result.error ? errorSentences(result.error) : "Staffroom did not answer, so no token was created. Try again.");
      return;
    }
    const payload = result.data.createApiToken;
    if (payload.__typename === "MutationCreateApiTokenSuccess") {
      onCreated({ secret: payload.data.secret, name: payload.data.apiToken.name });
      setName("");
      setScopes([]);
      return;
    }
    const error = mutationError(payload);
    if (error.__typename === "ValidationError" && "issues" in error) {
      const byField: Partial<Record<FieldName, string>> = {};
      for (const issue of error.issues) byField[FIELD_OF_PATH[issue.path] ?? "name"] = asSentence(issue.message);
      setErrors(byField);
      return;
    }
    setFailure(error.message);
  };

  // A field's message goes once the person changes that field; the others stay until the next try.
  const clearError = (field: FieldName) => setErrors((current) => ({ ...current, [field]: undefined }));
  const toggle = (scope: string, on: boolean) => {
    setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));
    clearError("scopes");
  };

  return (
    <form className="form token-form" onSubmit={submit} noValidate>
      <TextField
        id={`${id}-name`}
        label="Name"
        hint="What the token is for, so you recognise it later: for example “District dashboard”."
        value={name}
        maxLength={80}
        onChange={(e) => {
          setName(e.currentTarget.value);
          clearError("name");
        }}
        error={errors.name}
      />
      <fieldset className="token-scopes" aria-describedby={`${id}-scopes-hint${errors.scopes ? ` ${id}-scopes-error` : ""}`}>
        <legend id={`${id}-scopes`} tabIndex={-1}>
          Scopes
        </legend>
        <p className="field__hint" id={`${id}-scopes-hint`}>
          Choose only what the integration needs. The token can never do more than you can yourself.
        </p>
        <QueryState result={scopesResult} loadingLabel="Loading the scopes…" retry={() => refetchScopes({ requestPolicy: "network-only" })}>
          {(data) => (
            <ul className="token-scopes__list">
              {data.apiScopes.map(({ scope, description }) => (
                <li key={scope}>
                  <input id={`${id}-${scope}`} type="checkbox" checked={scopes.includes(scope)} onChange={(e) => toggle(scope, e.currentTarget.checked)} />
                  <label htmlFor={`${id}-${scope}`}>
                    {description} <code className="token-scope-code">{scope}</code>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </QueryState>
        {errors.scopes ? (
          <p className="field__error" id={`${id}-scopes-error`}>
            {errors.scopes}
          </p>
        ) : null}
      </fieldset>
      <fieldset className="token-expiry">
        <legend>Expires</legend>
        <ul className="token-expiry__list">
          {EXPIRY_OPTIONS.map((option) => (
            <li key={option.value}>
              <input
                id={`${id}-expiry-${option.value}`}
                type="radio"
                name={`${id}-expiry`}
                value={option.value}
                checked={expiry === option.value}
                onChange={() => {
                  setExpiry(option.value);
                  clearError("expiresAt");
                }}
              />
              <label htmlFor={`${id}-expiry-${option.value}`}>{option.label}</label>
            </li>
          ))}
        </ul>
        {expiry === "date" ? (
          <TextField
            id={`${id}-expiresAt`}
            type="date"
            label="Expiry date"
            hint="The token works until the end of this day."
            min={tomorrowIso()}
            value={date}
            onChange={(e) => {
              setDate(e.currentTarget.value);
              clearError("expiresAt");
            }}
            error={errors.expiresAt}
          />
        ) : errors.expiresAt ? (
          <p className="field__error">{errors.expiresAt}</p>
        ) : null}
      </fieldset>
      {failure ? <ErrorState error={failure} title="No token was created" /> : null}
      <div>
        <Button type="submit" busy={fetching} busyLabel="Creating…">
          Create token
        </Button>
      </div>
    </form>
  );
}

function checkForm(name: string, scopes: string[], expiry: Expiry, date: string): Partial<Record<FieldName, string>> {
  const errors: Partial<Record<FieldName, string>> = {};
  if (!name.trim()) errors.name = "Give the token a name that says what it is for.";
  if (scopes.length === 0) errors.scopes = "Choose at least one scope.";
  if (expiry === "date") {
    if (!date) errors.expiresAt = "Choose the day the token stops working.";
    else if (date <= todayIso()) errors.expiresAt = "Choose a day after today.";
  }
  return errors;
}

/** The expiry as the api takes it: a number of days from now, or the end of the chosen day (in the browser's time zone). */
function expiresAt(expiry: Expiry, date: string): string | null {
  if (expiry === "never") return null;
  if (expiry === "date") return new Date(`${date}T23:59:59`).toISOString();
  return new Date(Date.now() + Number(expiry) * DAY_MS).toISOString();
}

function tomorrowIso(): string {
  return localDayIso(new Date(Date.now() + DAY_MS));
}
