// The page the sign-up email links to (/confirm-sign-up?token=…). With the password the sign-up
// was started with, "Finish signing up" creates the account, signs in as sign-in does, and goes
// home. The password proves that whoever opens the link started the sign-up: a link that landed
// in someone's inbox from a stranger's sign-up must not give them an account whose password the
// stranger knows. (It also means a mail scanner that opens the link uses nothing up.)
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { useMutation } from "urql";
import { useAuth } from "../../app/auth.tsx";
import { paths } from "../../app/paths.ts";
import { graphql } from "../../graphql/graphql.ts";
import { mutationError, MutationErrorFragment } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import { TextField } from "../../ui/fields.tsx";
import { ErrorState, issueFor, type ShowableError } from "../../ui/states.tsx";
import { AuthCard, AuthLinks } from "./AuthCard.tsx";

const ConfirmSignUpMutation = graphql(
  `
  mutation ConfirmSignUp($input: ConfirmSignUpInput!) {
    confirmSignUp(input: $input) {
      __typename
      ... on MutationConfirmSignUpSuccess {
        data {
          token
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

/** Refusals that trying again cannot change: the link is used up or expired, or the address has an account. */
const FINAL_CODES = new Set(["LINK_EXPIRED", "CONFLICT"]);

export function ConfirmSignUpPage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get("token") ?? "";
  const { adoptSession } = useAuth();
  const navigate = useNavigate();
  const [password, setPassword] = useState("");
  const [{ fetching }, confirmSignUp] = useMutation(ConfirmSignUpMutation);
  const [failure, setFailure] = useState<{ error: ShowableError; title: string; final: boolean } | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const outcome = await confirmSignUp({ input: { token, password } });
    const payload = outcome.data?.confirmSignUp;
    if (outcome.error || !payload) {
      setFailure({ error: outcome.error ?? "Staffroom could not be reached. Try again.", title: "Could not finish signing up", final: false });
    } else if (payload.__typename === "MutationConfirmSignUpSuccess") {
      adoptSession(payload.data.token);
      navigate(paths.home, { replace: true });
    } else {
      const error = mutationError(payload);
      const title =
        error.code === "INVALID_CREDENTIALS" ? "Wrong password" : error.code === "RATE_LIMITED" ? "Too many attempts" : "Could not finish signing up";
      setFailure({ error, title, final: FINAL_CODES.has(error.code) });
    }
  }

  return (
    <AuthCard title="Finish signing up">
      {!token ? <ErrorState title="This link is incomplete" error="Open the link from your email again, all of it." /> : null}
      {failure ? <ErrorState title={failure.title} error={failure.error} fields={["password"]} /> : null}
      {token && !failure?.final ? (
        <form className="form" onSubmit={onSubmit} noValidate>
          <p>One more step: enter the password you chose when you signed up. This creates your account and signs you in.</p>
          <TextField
            label="Password"
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            error={issueFor(failure?.error, "password")}
            onChange={(event) => setPassword(event.target.value)}
          />
          <div>
            <Button type="submit" busy={fetching} busyLabel="Finishing…">
              Finish signing up
            </Button>
          </div>
        </form>
      ) : null}
      <AuthLinks>
        <span>
          Already have an account? <Link to={paths.signIn}>Sign in</Link>
        </span>
      </AuthLinks>
    </AuthCard>
  );
}
