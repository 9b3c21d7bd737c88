// The page the sign-up email links to (/confirm-sign-up?token=…): "Finish signing up" creates
// the account, signs in as sign-in does, and goes home. It waits for that click rather than
// confirming on load: mail scanners open links, and some run the page's scripts; they must not
// use up a single-use link before its owner does.
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { useMutation } from "urql";
import { useAuth } from "../../app/auth.tsx";
import { paths } from "../../app/paths.ts";
import { graphql } from "../../graphql/graphql.ts";
import { Button } from "../../ui/Button.tsx";
import { Section, useDocumentTitle } from "../../ui/layout.tsx";
import { ErrorState, type ShowableError } from "../../ui/states.tsx";

const ConfirmSignUpMutation = graphql(`
  mutation ConfirmSignUp($token: String!) {
    confirmSignUp(token: $token) {
      __typename
      ... on MutationConfirmSignUpSuccess {
        data {
          token
        }
      }
      ... on BaseError {
        code
        message
      }
      ... on ValidationError {
        issues {
          path
          message
        }
      }
    }
  }
`);

export function ConfirmSignUpPage() {
  useDocumentTitle("Finish signing up");
  const [searchParams] = useSearchParams();
  const token = searchParams.get("token") ?? "";
  const { adoptSession } = useAuth();
  const navigate = useNavigate();
  const [{ fetching }, confirmSignUp] = useMutation(ConfirmSignUpMutation);
  // `final`: the api refused this link (used, expired, or the address has an account), so
  // trying again cannot help; a network failure can be retried.
  const [failure, setFailure] = useState<{ error: ShowableError; final: boolean } | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const outcome = await confirmSignUp({ token });
    const payload = outcome.data?.confirmSignUp;
    if (outcome.error || !payload) {
      setFailure({ error: outcome.error ?? "Staffroom could not be reached. Try again.", final: false });
    } else if (payload.__typename === "MutationConfirmSignUpSuccess") {
      adoptSession(payload.data.token);
      navigate(paths.home, { replace: true });
    } else {
      setFailure({ error: payload, final: true });
    }
  }

  return (
    <main className="auth-page" id="main">
      <div className="auth-card">
        <h1>Staffroom</h1>
        <p>Where teachers improve together.</p>
        <Section title="Finish signing up">
          <div className="form">
            {!token ? <ErrorState title="This link is incomplete" error="Open the link from your email again, all of it." /> : null}
            {failure ? <ErrorState title="Could not finish signing up" error={failure.error} /> : null}
            {token && !failure?.final ? (
              <form className="form" onSubmit={onSubmit}>
                <p>One more step: this creates your Staffroom account and signs you in.</p>
                <div>
                  <Button type="submit" busy={fetching} busyLabel="Finishing…">
                    Finish signing up
                  </Button>
                </div>
              </form>
            ) : null}
            <p>
              Already have an account? <Link to={paths.signIn}>Sign in</Link>
            </p>
          </div>
        </Section>
      </div>
    </main>
  );
}
