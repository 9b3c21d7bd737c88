// Create an account: name, email and a password. The api emails a link that finishes signing up
// (the confirm-sign-up page), and answers the same whether or not the address already has an
// account, so this page always ends on "check your email".
import { useState, type FormEvent } from "react";
import { Link, Navigate } from "react-router-dom";
import { useMutation } from "urql";
import { useAuth } from "../../app/auth.tsx";
import { paths } from "../../app/paths.ts";
import { graphql } from "../../graphql/graphql.ts";
import { mutationOutcome, MutationErrorFragment } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import { TextField } from "../../ui/fields.tsx";
import { ErrorState, issueFor, type ShowableError } from "../../ui/states.tsx";
import { AuthCard, AuthLinks } from "./AuthCard.tsx";
import { EmailField } from "./EmailField.tsx";

const SignUpMutation = graphql(
  `
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      __typename
      ... on MutationSignUpSuccess {
        data {
          email
          message
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

/** The api's rule (schema/auth.ts, newPassword), said before anyone types. */
export const PASSWORD_HINT = "At least 10 characters. A few words you will remember make a strong password.";

export function SignUpPage() {
  const { status } = useAuth();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [failure, setFailure] = useState<ShowableError | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [{ fetching }, signUp] = useMutation(SignUpMutation);

  if (status === "signed-in") return <Navigate to={paths.home} replace />;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const outcome = mutationOutcome(await signUp({ input: { name, email, password } }), "signUp");
    if (outcome.ok) setSentTo(outcome.payload.data.email);
    else setFailure(outcome.failure);
  }

  if (sentTo) {
    return (
      <AuthCard title="Check your email">
        <div className="alert alert--success" role="status">
          <p className="alert__title">We sent a link to {sentTo}.</p>
          <p>Open it within 24 hours and enter the password you just chose: that creates your account and signs you in.</p>
        </div>
        <p>No email after a few minutes? Look in your spam folder, or check the address and sign up again.</p>
        <AuthLinks>
          <Button variant="secondary" onClick={() => setSentTo(null)}>
            Use another address
          </Button>
          <Link to={paths.signIn}>Back to sign in</Link>
        </AuthLinks>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Create your account">
      {failure ? <ErrorState title="Could not sign up" error={failure} fields={["name", "email", "password"]} /> : null}
      <form className="form" onSubmit={onSubmit} noValidate>
        <TextField
          label="Your name"
          name="name"
          autoComplete="name"
          required
          maxLength={120}
          value={name}
          error={issueFor(failure, "name")}
          onChange={(event) => setName(event.target.value)}
        />
        <EmailField value={email} onChange={setEmail} failure={failure} autoComplete="email" />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          required
          hint={PASSWORD_HINT}
          value={password}
          error={issueFor(failure, "password")}
          onChange={(event) => setPassword(event.target.value)}
        />
        <div>
          <Button type="submit" busy={fetching} busyLabel="Signing up…">
            Sign up
          </Button>
        </div>
      </form>
      <AuthLinks>
        <span>
          Already have an account? <Link to={paths.signIn}>Sign in</Link>
        </span>
      </AuthLinks>
    </AuthCard>
  );
}
