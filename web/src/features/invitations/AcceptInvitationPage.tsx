// The page an invitation's link opens (/invitations/:token). It says which school invites whom and
// as what, then either creates the account for the invited address (name and password) or, for
// someone who already has one, signs in and joins. Signed in with another address, it says whose
// invitation it is and offers to sign out. A link that no longer works gets the api's sentence.
// Opening the page uses nothing up; only "Join" does.
import { useEffect, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { useAuth } from "../../app/auth.tsx";
import { paths } from "../../app/paths.ts";
import { mutationOutcome } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import { TextField } from "../../ui/fields.tsx";
import { Section, useDocumentTitle } from "../../ui/layout.tsx";
import { ErrorState, Loading, QueryState, type ShowableError } from "../../ui/states.tsx";
import { AcceptInvitationMutation, InvitationPreviewQuery } from "./queries.ts";
import "./invitations.css";

type Preview = { schoolName: string; email: string; name: string | null; message: string };
type FieldErrors = { name?: string; password?: string };

export function AcceptInvitationPage() {
  useDocumentTitle("Invitation");
  const { token = "" } = useParams();
  const [result] = useQuery({ query: InvitationPreviewQuery, variables: { token }, requestPolicy: "network-only" });
  return (
    <main className="auth-page" id="main">
      <div className="auth-card">
        <h1>Staffroom</h1>
        <p>Where teachers improve together.</p>
        <QueryState result={result} loadingLabel="Opening the invitation…">
          {({ invitationByToken: invitation }) =>
            invitation.valid && invitation.schoolName && invitation.email ? (
              <Accept
                token={token}
                preview={{ schoolName: invitation.schoolName, email: invitation.email, name: invitation.name, message: invitation.message }}
              />
            ) : (
              <Section title="Invitation">
                <ErrorState title="This link no longer works" error={invitation.message} />
                <p>
                  Already a member? <Link to={paths.signIn}>Sign in</Link>
                </p>
              </Section>
            )
          }
        </QueryState>
      </div>
    </main>
  );
}

function Accept({ token, preview }: { token: string; preview: Preview }) {
  const auth = useAuth();
  const navigate = useNavigate();
  const [mode, setMode] = useState<"create" | "sign-in">("create");
  const [name, setName] = useState(preview.name ?? "");
  const [password, setPassword] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ShowableError | null>(null);
  const [joinAfterSignIn, setJoinAfterSignIn] = useState(false);
  const [signingIn, setSigningIn] = useState(false);
  const [{ fetching }, acceptInvitation] = useMutation(AcceptInvitationMutation);
  const signedInAs = auth.status === "signed-in" ? auth.viewer : null;
  const isInvitee = signedInAs?.email === preview.email;

  const accept = async (input: { token: string; name?: string; password?: string }) => {
    setFailure(null);
    setFieldErrors({});
    const outcome = mutationOutcome(await acceptInvitation({ input }), "acceptInvitation");
    if (!outcome.ok) {
      const failure = outcome.failure;
      if (typeof failure === "object" && "code" in failure) {
        if (failure.code === "VALIDATION_FAILED" && failure.issues?.length) {
          const byField: FieldErrors = {};
          for (const issue of failure.issues) {
            if (issue.path.endsWith("name")) byField.name = issue.message;
            else if (issue.path.endsWith("password")) byField.password = issue.message;
          }
          setFieldErrors(byField);
          return;
        }
        // The address has an account: the way on is to sign in with it.
        if (failure.code === "CONFLICT") setMode("sign-in");
      }
      setFailure(failure);
      return;
    }
    const { token: sessionToken } = outcome.payload.data;
    if (sessionToken) auth.adoptSession(sessionToken);
    else auth.retry(); // the signed-in viewer now has one more school
    navigate(paths.home, { replace: true });
  };

  // Signing in rebuilds the app's GraphQL client; joining waits for the page to be signed in.
  useEffect(() => {
    if (joinAfterSignIn && isInvitee) {
      setJoinAfterSignIn(false);
      void accept({ token });
    }
  });

  const createAccount = (event: FormEvent) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!name.trim()) errors.name = "Enter your name.";
    if (password.length < 10) errors.password = "Choose a password of at least 10 characters.";
    setFieldErrors(errors);
    if (errors.name || errors.password) return;
    void accept({ token, name: name.trim(), password });
  };

  const signInAndJoin = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setFieldErrors({});
    if (!password) return setFieldErrors({ password: "Enter your password." });
    setSigningIn(true);
    const outcome = await auth.signIn(preview.email, password);
    setSigningIn(false);
    if (outcome.ok) setJoinAfterSignIn(true);
    else setFailure(outcome.code === "NETWORK" ? "Staffroom could not be reached. Try again." : outcome.message);
  };

  if (auth.status === "loading" || joinAfterSignIn) return <Loading label="Signing you in…" />;

  return (
    <Section title={`Join ${preview.schoolName}`}>
      <div className="form">
        <p>{preview.message}</p>
        {failure ? <ErrorState title="Could not join yet" error={failure} /> : null}
        {signedInAs && isInvitee ? (
          <div>
            <Button busy={fetching} busyLabel="Joining…" onClick={() => void accept({ token })}>
              Join {preview.schoolName}
            </Button>
          </div>
        ) : signedInAs ? (
          <>
            <p>
              This invitation is for <strong>{preview.email}</strong>, and you are signed in as <strong>{signedInAs.email}</strong>. Sign out, then accept it as{" "}
              {preview.email}.
            </p>
            <div>
              <Button variant="secondary" onClick={() => void auth.signOut()}>
                Sign out
              </Button>
            </div>
          </>
        ) : mode === "create" ? (
          <form className="form" onSubmit={createAccount} noValidate>
            <TextField label="Email" type="email" name="email" value={preview.email} readOnly hint="The address you were invited with." />
            <TextField
              label="Your name"
              name="name"
              autoComplete="name"
              value={name}
              error={fieldErrors.name}
              onChange={(event) => setName(event.target.value)}
            />
            <TextField
              label="Choose a password"
              type="password"
              name="password"
              autoComplete="new-password"
              hint="At least 10 characters."
              value={password}
              error={fieldErrors.password}
              onChange={(event) => setPassword(event.target.value)}
            />
            <div>
              <Button type="submit" busy={fetching} busyLabel="Creating your account…">
                Create account and join
              </Button>
            </div>
            <p>
              Already have a Staffroom account with {preview.email}?{" "}
              <Button variant="quiet" size="small" onClick={() => (setMode("sign-in"), setFailure(null), setFieldErrors({}))}>
                Sign in to join
              </Button>
            </p>
          </form>
        ) : (
          <form className="form" onSubmit={(event) => void signInAndJoin(event)} noValidate>
            <TextField label="Email" type="email" name="email" value={preview.email} readOnly />
            <TextField
              label="Password"
              type="password"
              name="password"
              autoComplete="current-password"
              value={password}
              error={fieldErrors.password}
              onChange={(event) => setPassword(event.target.value)}
            />
            <div>
              <Button type="submit" busy={signingIn || fetching} busyLabel="Signing in…">
                Sign in and join
              </Button>
            </div>
            <p>
              New to Staffroom?{" "}
              <Button variant="quiet" size="small" onClick={() => (setMode("create"), setFailure(null), setFieldErrors({}))}>
                Create an account instead
              </Button>
            </p>
          </form>
        )}
      </div>
    </Section>
  );
}
