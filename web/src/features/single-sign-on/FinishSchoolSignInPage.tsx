// Where the api sends the browser after the school's provider vouched for the person
// (/sign-in/school#code=…). The one-time code is in the fragment, which never reaches a server or
// a log; the page takes it out of the address bar at once, exchanges it for a session
// (completeSchoolSignIn), and goes home. A used or expired code gets a sentence and a way back.
import { useEffect, useRef, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { useMutation } from "urql";
import { useAuth } from "../../app/auth.tsx";
import { paths } from "../../app/paths.ts";
import { graphql } from "../../graphql/graphql.ts";
import { mutationError, MutationErrorFragment } from "../../graphql/mutation-outcome.ts";
import { Section, useDocumentTitle } from "../../ui/layout.tsx";
import { ErrorState, Loading } from "../../ui/states.tsx";

const CompleteSchoolSignInMutation = graphql(
  `
  mutation CompleteSchoolSignIn($code: String!) {
    completeSchoolSignIn(code: $code) {
      __typename
      ... on MutationCompleteSchoolSignInSuccess {
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

/** The code from the fragment, read once: the fragment is cleared right after. */
function takeCodeFromFragment(): string {
  const code = new URLSearchParams(window.location.hash.slice(1)).get("code") ?? "";
  if (window.location.hash) window.history.replaceState(window.history.state, "", window.location.pathname);
  return code;
}

export function FinishSchoolSignInPage() {
  useDocumentTitle("Signing in");
  const { adoptSession } = useAuth();
  const navigate = useNavigate();
  const [, complete] = useMutation(CompleteSchoolSignInMutation);
  const [failure, setFailure] = useState<string | null>(null);
  const started = useRef(false);

  useEffect(() => {
    // Once, even under StrictMode's double effects: the code works only once.
    if (started.current) return;
    started.current = true;
    const code = takeCodeFromFragment();
    if (!code) {
      setFailure("This sign-in link is incomplete. Start again from the sign-in page.");
      return;
    }
    void complete({ code }).then((outcome) => {
      const payload = outcome.data?.completeSchoolSignIn;
      if (payload?.__typename === "MutationCompleteSchoolSignInSuccess") {
        adoptSession(payload.data.token);
        navigate(paths.home, { replace: true });
      } else if (payload) {
        setFailure(mutationError(payload).message);
      } else {
        setFailure("Staffroom could not be reached. Start again from the sign-in page.");
      }
    });
  }, [complete, adoptSession, navigate]);

  return (
    <main className="auth-page" id="main">
      <div className="auth-card">
        <h1>Staffroom</h1>
        <Section title="Signing in with your school account">
          {failure ? (
            <div className="form">
              <ErrorState title="Could not sign in" error={failure} />
              <p>
                <Link to={paths.signIn}>Back to the sign-in page</Link>
              </p>
            </div>
          ) : (
            <Loading label="Signing you in…" />
          )}
        </Section>
      </div>
    </main>
  );
}
