// Sign in with email and password. Wrong credentials, the rate limit and bad input each get a
// sentence (field problems next to their field); a signed-in visitor is sent on to where they
// were going. Links lead to sign-up and to "forgot password"; after a password reset the page
// says so and has the address filled in.
import { useRef, useState, type FormEvent } from "react";
import { Link, Navigate, useLocation } from "react-router-dom";
import { useAuth, type SignInOutcome } from "../../app/auth.tsx";
import { useReturnPath } from "../../app/guards.tsx";
import { paths } from "../../app/paths.ts";
import { Button } from "../../ui/Button.tsx";
import { TextField } from "../../ui/fields.tsx";
import { ErrorState, issueFor, SuccessMessage, type BaseErrorLike } from "../../ui/states.tsx";
import { AuthCard, AuthLinks } from "./AuthCard.tsx";
import { EmailField } from "./EmailField.tsx";
import { SchoolAccountSignIn } from "./SchoolAccountSignIn.tsx";
import { DemoLogins } from "./DemoLogins.tsx";

/** What another page hands the sign-in page (the reset-password page, after a new password). */
export type SignInNotice = { notice?: string; email?: string };

export function SignInPage() {
  const { status, signIn } = useAuth();
  const returnPath = useReturnPath();
  const handed = (useLocation().state ?? {}) as SignInNotice;
  const [email, setEmail] = useState(handed.email ?? "");
  const [password, setPassword] = useState("");
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<BaseErrorLike | null>(null);
  const submitRef = useRef<HTMLButtonElement>(null);

  if (status === "signed-in") return <Navigate to={returnPath} replace />;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setFailure(null);
    const outcome = await signIn(email.trim(), password);
    setSubmitting(false);
    if (!outcome.ok) setFailure(asShowable(outcome));
  }

  return (
    <AuthCard
      title="Sign in"
      after={
        <>
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
        </>
      }
    >
      {handed.notice && !failure ? <SuccessMessage>{handed.notice}</SuccessMessage> : null}
      {failure ? <ErrorState title={failureTitle(failure.code)} error={failure} fields={["email", "password"]} /> : null}
      <form className="form" onSubmit={onSubmit} noValidate>
        <EmailField value={email} onChange={setEmail} failure={failure} />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          error={issueFor(failure, "password")}
          onChange={(event) => setPassword(event.target.value)}
        />
        <div>
          <Button ref={submitRef} type="submit" busy={submitting || status === "loading"} busyLabel="Signing in…">
            Sign in
          </Button>
        </div>
      </form>
      <AuthLinks>
        <Link to={paths.forgotPassword}>Forgot password?</Link>
        <span>
          New to Staffroom? <Link to={paths.signUp}>Create an account</Link>
        </span>
      </AuthLinks>
    </AuthCard>
  );
}

function asShowable(failure: Extract<SignInOutcome, { ok: false }>): BaseErrorLike {
  // The api's message already says how long to wait when rate limited.
  return { code: failure.code, message: failure.message, ...(failure.issues ? { issues: failure.issues } : {}) };
}

function failureTitle(code: string): string {
  switch (code) {
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
