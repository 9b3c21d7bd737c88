// Forgot password: the api emails a link that sets a new one. It answers the same whether or
// not an account uses the address, so this page always ends on "check your email".
import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { useMutation } from "urql";
import { paths } from "../../app/paths.ts";
import { graphql } from "../../graphql/graphql.ts";
import { mutationOutcome, MutationErrorFragment } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import { ErrorState, type ShowableError } from "../../ui/states.tsx";
import { AuthCard, AuthLinks } from "./AuthCard.tsx";
import { EmailField } from "./EmailField.tsx";

const RequestPasswordResetMutation = graphql(
  `
  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {
    requestPasswordReset(input: $input) {
      __typename
      ... on MutationRequestPasswordResetSuccess {
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

export function ForgotPasswordPage() {
  const [email, setEmail] = useState("");
  const [failure, setFailure] = useState<ShowableError | null>(null);
  const [sent, setSent] = useState<{ email: string; message: string } | null>(null);
  const [{ fetching }, request] = useMutation(RequestPasswordResetMutation);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const outcome = mutationOutcome(await request({ input: { email } }), "requestPasswordReset");
    if (outcome.ok) setSent(outcome.payload.data);
    else setFailure(outcome.failure);
  }

  if (sent) {
    return (
      <AuthCard title="Check your email">
        <div className="alert alert--success" role="status">
          <p className="alert__title">{sent.message}</p>
          <p>We wrote to {sent.email}. The link works once, within an hour.</p>
        </div>
        <p>No email after a few minutes? Look in your spam folder, or ask your school's admin for a link.</p>
        <AuthLinks>
          <Link to={paths.signIn}>Back to sign in</Link>
        </AuthLinks>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Forgot your password?">
      <p>Enter the email address you sign in with. We will email you a link to choose a new password.</p>
      {failure ? <ErrorState title="Could not send the link" error={failure} fields={["email"]} /> : null}
      <form className="form" onSubmit={onSubmit} noValidate>
        <EmailField value={email} onChange={setEmail} failure={failure} />
        <div>
          <Button type="submit" busy={fetching} busyLabel="Sending…">
            Email me a link
          </Button>
        </div>
      </form>
      <AuthLinks>
        <Link to={paths.signIn}>Back to sign in</Link>
      </AuthLinks>
    </AuthCard>
  );
}
