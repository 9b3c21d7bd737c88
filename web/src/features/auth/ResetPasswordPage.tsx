// The page a password-reset link opens (/reset-password?token=…): choose a new password. The
// link works once; setting the password signs the account out everywhere, so this page sends
// the visitor to sign in with the new one (the address filled in).
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { useMutation } from "urql";
import { useAuth } from "../../app/auth.tsx";
import { paths } from "../../app/paths.ts";
import { graphql } from "../../graphql/graphql.ts";
import { mutationOutcome, MutationErrorFragment } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import { TextField } from "../../ui/fields.tsx";
import { ErrorState, issueFor, type ShowableError } from "../../ui/states.tsx";
import { AuthCard, AuthLinks } from "./AuthCard.tsx";
import type { SignInNotice } from "./SignInPage.tsx";
import { PASSWORD_HINT } from "./SignUpPage.tsx";

const ResetPasswordMutation = graphql(
  `
  mutation ResetPassword($input: ResetPasswordInput!) {
    resetPassword(input: $input) {
      __typename
      ... on MutationResetPasswordSuccess {
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

export function ResetPasswordPage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get("token") ?? "";
  const navigate = useNavigate();
  const { status, signOut } = useAuth();
  const [password, setPassword] = useState("");
  const [failure, setFailure] = useState<{ error: ShowableError; final: boolean } | null>(null);
  const [{ fetching }, reset] = useMutation(ResetPasswordMutation);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const outcome = mutationOutcome(await reset({ input: { token, password } }), "resetPassword");
    if (!outcome.ok) {
      // A used or expired link cannot work on a second try: only a new link helps.
      const final = typeof outcome.failure === "object" && "code" in outcome.failure && outcome.failure.code === "LINK_EXPIRED";
      setFailure({ error: outcome.failure, final });
      return;
    }
    // Every session of the account just ended, this browser's included if it was signed in.
    if (status === "signed-in") await signOut();
    const notice: SignInNotice = { notice: outcome.payload.data.message, email: outcome.payload.data.email };
    navigate(paths.signIn, { replace: true, state: notice });
  }

  return (
    <AuthCard title="Choose a new password">
      {!token ? <ErrorState title="This link is incomplete" error="Open the link from your email again, all of it." /> : null}
      {failure ? <ErrorState title="Could not set the password" error={failure.error} fields={["password"]} /> : null}
      {token && !failure?.final ? (
        <form className="form" onSubmit={onSubmit} noValidate>
          <p>Setting a new password signs your account out on every device.</p>
          <TextField
            label="New password"
            type="password"
            name="password"
            autoComplete="new-password"
            required
            hint={PASSWORD_HINT}
            value={password}
            error={issueFor(failure?.error, "password")}
            onChange={(event) => setPassword(event.target.value)}
          />
          <div>
            <Button type="submit" busy={fetching} busyLabel="Saving…">
              Set the new password
            </Button>
          </div>
        </form>
      ) : null}
      <AuthLinks>
        {failure?.final || !token ? <Link to={paths.forgotPassword}>Ask for a new link</Link> : null}
        <Link to={paths.signIn}>Back to sign in</Link>
      </AuthLinks>
    </AuthCard>
  );
}
