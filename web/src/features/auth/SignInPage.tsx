// Sign in with email and password. Wrong credentials, the rate limit and bad input each get a
// clear message; a signed-in visitor is sent on to where they were going.
import { useRef, useState, type FormEvent } from "react";
import { Navigate } from "react-router-dom";
import { useAuth, type SignInOutcome } from "../../app/auth.tsx";
import { useReturnPath } from "../../app/guards.tsx";
import { Button } from "../../ui/Button.tsx";
import { TextField } from "../../ui/fields.tsx";
import { Section, useDocumentTitle } from "../../ui/layout.tsx";
import { ErrorState } from "../../ui/states.tsx";
import { SchoolAccountSignIn } from "./SchoolAccountSignIn.tsx";
import { DemoLogins } from "./DemoLogins.tsx";

export function SignInPage() {
  useDocumentTitle("Sign in");
  const { status, signIn } = useAuth();
  const returnPath = useReturnPath();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<Extract<SignInOutcome, { ok: false }> | null>(null);
  const submitRef = useRef<HTMLButtonElement>(null);

  if (status === "signed-in") return <Navigate to={returnPath} replace />;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setFailure(null);
    const outcome = await signIn(email.trim(), password);
    setSubmitting(false);
    if (!outcome.ok) setFailure(outcome);
  }

  return (
    <main className="auth-page" id="main">
      <div className="auth-card">
        <h1>Staffroom</h1>
        <p>Where teachers improve together.</p>
        <Section title="Sign in">
          {failure ? <ErrorState title={failureTitle(failure)} error={failureDetail(failure)} /> : null}
          <form className="form" onSubmit={onSubmit}>
            <TextField
              label="Email"
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
            <TextField
              label="Password"
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
            <div>
              <Button ref={submitRef} type="submit" busy={submitting || status === "loading"} busyLabel="Signing in…">
                Sign in
              </Button>
            </div>
          </form>
        </Section>
        <SchoolAccountSignIn />
        <DemoLogins
          onPick={(pickedEmail, pickedPassword) => {
            setEmail(pickedEmail);
            setPassword(pickedPassword);
            setFailure(null);
            // Filled in: Enter (or a click) signs in.
            submitRef.current?.focus();
          }}
        />
      </div>
    </main>
  );
}

function failureTitle(failure: Extract<SignInOutcome, { ok: false }>): string {
  switch (failure.code) {
    case "INVALID_CREDENTIALS":
      return "Wrong email or password";
    case "RATE_LIMITED":
      return "Too many attempts";
    case "VALIDATION_FAILED":
      return "Check the form";
    default:
      return "Could not sign in";
  }
}

function failureDetail(failure: Extract<SignInOutcome, { ok: false }>) {
  // The api's message already says how long to wait when rate limited.
  return { code: failure.code, message: failure.message, ...(failure.issues ? { issues: failure.issues } : {}) };
}
