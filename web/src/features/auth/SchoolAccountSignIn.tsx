// "Sign in with your school account" on the sign-in page: the person types their school email,
// and the browser goes to the api's /auth/oidc/start, which finds their school by the address's
// domain and sends them on to the school's provider (Google Workspace, Microsoft 365, …). A full
// page navigation on purpose: the provider's sign-in page is another site. When the trip comes
// back refused, the page says why in a sentence.
import { useState, type FormEvent } from "react";
import { useSearchParams } from "react-router-dom";
import { Button } from "../../ui/Button.tsx";
import { TextField } from "../../ui/fields.tsx";
import { Section } from "../../ui/layout.tsx";
import { ErrorState } from "../../ui/states.tsx";
import { refusalSentence, SCHOOL_SIGN_IN_PARAM } from "./school-sign-in-refusals.ts";

export function SchoolAccountSignIn() {
  const [searchParams] = useSearchParams();
  const refusal = searchParams.get(SCHOOL_SIGN_IN_PARAM);
  const [email, setEmail] = useState("");
  const [leaving, setLeaving] = useState(false);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setLeaving(true);
    window.location.assign(`/auth/oidc/start?email=${encodeURIComponent(email.trim())}`);
  }

  return (
    <Section title="Sign in with your school account">
      {refusal ? <ErrorState title="Could not sign in with your school account" error={refusalSentence(refusal)} /> : null}
      <form className="form" onSubmit={onSubmit}>
        <p>If your school uses Google Workspace or Microsoft 365 with Staffroom, sign in with that account: no Staffroom password needed.</p>
        <TextField
          label="School email"
          type="email"
          name="school-email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <div>
          <Button type="submit" variant="secondary" busy={leaving} busyLabel="Going to your school's sign-in…">
            Continue with your school account
          </Button>
        </div>
      </form>
    </Section>
  );
}
