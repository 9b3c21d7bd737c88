// Who is signed in. The session token lives in localStorage (so a reload or a second tab stays
// signed in); the viewer (name, schools and role in each) is loaded from the api with that token.
// AuthProvider also provides the urql client, rebuilt whenever the token changes.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { Provider as UrqlProvider, useClient, useQuery } from "urql";
import { createGraphQLClient, type GraphQLClientHandle } from "../graphql/client.ts";
import { graphql, type ResultOf } from "../graphql/graphql.ts";
import { mutationError, MutationErrorFragment } from "../graphql/mutation-outcome.ts";

const TOKEN_KEY = "staffroom.sessionToken";

const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      id
      name
      email
    }
    mySchools(first: 50) {
      edges {
        node {
          id
          name
          viewerRole
        }
      }
    }
  }
`);

const SignInMutation = graphql(
  `
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on MutationSignInSuccess {
        data {
          token
        }
      }
      ...MutationError
      ... on RateLimitedError {
        retryAfterSeconds
      }
    }
  }
`,
  [MutationErrorFragment],
);

const SignOutMutation = graphql(`
  mutation SignOut {
    signOut
  }
`);

type SchoolNode = NonNullable<ResultOf<typeof ViewerQuery>["mySchools"]["edges"][number]>["node"];
export type SchoolRole = NonNullable<SchoolNode["viewerRole"]>;

export type Viewer = {
  id: string;
  name: string;
  email: string | null;
  schools: { id: string; name: string; role: SchoolRole | null }[];
  /** Coach or admin of at least one school: sees the coach dashboard. */
  isLeader: boolean;
};

export type SignInOutcome =
  | { ok: true }
  | {
      ok: false;
      /** The api's BaseError code (INVALID_CREDENTIALS, RATE_LIMITED, VALIDATION_FAILED), or NETWORK. */
      code: string;
      message: string;
      retryAfterSeconds?: number;
      issues?: { path: string; message: string }[];
    };

export type AuthState = {
  /** "loading": a token exists and the viewer is being fetched. "unavailable": the api could not be reached. */
  status: "signed-out" | "loading" | "signed-in" | "unavailable";
  viewer: Viewer | null;
  token: string | null;
  signIn: (email: string, password: string) => Promise<SignInOutcome>;
  /** Signs in with a session the api has just issued by other means (confirmSignUp returns one). */
  adoptSession: (token: string) => void;
  signOut: () => Promise<void>;
  /** Forgets a session the api already ended (revoked, or its person deactivated): nothing to tell the api. */
  dropSession: () => void;
  /** Re-fetch the viewer, e.g. after the api was unreachable. */
  retry: () => void;
  /** Re-reads the viewer's schools and roles (after creating a school); resolves once they are current. */
  refreshViewer: () => Promise<void>;
};

const AuthContext = createContext<AuthState | null>(null);

export function useAuth(): AuthState {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error("useAuth() must be used inside <AuthProvider>.");
  return auth;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  // Called by the client when the api refuses the token (HTTP 401); set below, once changeToken exists.
  const rejectRef = useRef<() => void>(() => {});
  const [session, setSession] = useState<{ token: string | null; handle: GraphQLClientHandle }>(() => {
    const token = readStoredToken();
    return { token, handle: createGraphQLClient({ token, onTokenRejected: () => rejectRef.current() }) };
  });
  const sessionRef = useRef(session);

  // Side effects (closing the old websocket, storage) happen here rather than in a state updater,
  // which React may call twice.
  const changeToken = useCallback((token: string | null) => {
    const previous = sessionRef.current;
    if (previous.token === token) return;
    writeStoredToken(token);
    sessionRef.current = { token, handle: createGraphQLClient({ token, onTokenRejected: () => rejectRef.current() }) };
    setSession(sessionRef.current);
    previous.handle.dispose();
  }, []);
  rejectRef.current = () => changeToken(null);

  // Signing in or out in another tab applies here too.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === TOKEN_KEY) changeToken(event.newValue);
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, [changeToken]);

  return (
    <UrqlProvider value={session.handle.client}>
      <ViewerState token={session.token} changeToken={changeToken}>
        {children}
      </ViewerState>
    </UrqlProvider>
  );
}

function ViewerState({ token, changeToken, children }: { token: string | null; changeToken: (token: string | null) => void; children: ReactNode }) {
  const client = useClient();
  const [result, reexecute] = useQuery({ query: ViewerQuery, pause: !token, requestPolicy: "cache-first" });

  // A token the api no longer knows (it answers viewer: null) is dropped; the 401 case is handled by the client.
  const tokenUnknown = Boolean(token && result.data && !result.data.viewer);
  useEffect(() => {
    if (tokenUnknown) changeToken(null);
  }, [tokenUnknown, changeToken]);

  const viewer = useMemo<Viewer | null>(() => {
    const data = result.data;
    if (!token || !data?.viewer) return null;
    const schools = data.mySchools.edges.map(({ node }) => ({ id: node.id, name: node.name, role: node.viewerRole ?? null }));
    return {
      id: data.viewer.id,
      name: data.viewer.name,
      email: data.viewer.email ?? null,
      schools,
      isLeader: schools.some((school) => school.role === "COACH" || school.role === "ADMIN"),
    };
  }, [result.data, token]);

  const signIn = useCallback(
    async (email: string, password: string): Promise<SignInOutcome> => {
      const outcome = await client.mutation(SignInMutation, { input: { email, password } }, { requestPolicy: "network-only" }).toPromise();
      if (outcome.error || !outcome.data) {
        return { ok: false, code: "NETWORK", message: outcome.error?.message ?? "Staffroom could not be reached. Try again." };
      }
      const payload = outcome.data.signIn;
      if (payload.__typename === "MutationSignInSuccess") {
        changeToken(payload.data.token);
        return { ok: true };
      }
      const error = mutationError(payload);
      return {
        ok: false,
        code: error.code,
        message: error.message,
        ...(payload.__typename === "RateLimitedError" ? { retryAfterSeconds: payload.retryAfterSeconds } : {}),
        ...(error.__typename === "ValidationError" ? { issues: error.issues } : {}),
      };
    },
    [client, changeToken],
  );

  const adoptSession = useCallback((newToken: string) => changeToken(newToken), [changeToken]);
  const dropSession = useCallback(() => changeToken(null), [changeToken]);

  const signOut = useCallback(async () => {
    // End the session on the server too, so the token stops working everywhere; sign out locally regardless.
    await client
      .mutation(SignOutMutation, {})
      .toPromise()
      .catch(() => undefined);
    changeToken(null);
  }, [client, changeToken]);

  const refreshViewer = useCallback(async () => {
    // The same query and variables as above: urql hands the fresh result to that query too.
    await client.query(ViewerQuery, {}, { requestPolicy: "network-only" }).toPromise();
  }, [client]);

  let status: AuthState["status"];
  if (!token) status = "signed-out";
  else if (viewer) status = "signed-in";
  else if (result.error && !result.fetching) status = "unavailable";
  else status = "loading";

  const state = useMemo<AuthState>(
    () => ({ status, viewer, token, signIn, adoptSession, signOut, dropSession, retry: () => reexecute({ requestPolicy: "network-only" }), refreshViewer }),
    [status, viewer, token, signIn, adoptSession, signOut, dropSession, reexecute, refreshViewer],
  );
  return <AuthContext.Provider value={state}>{children}</AuthContext.Provider>;
}

function readStoredToken(): string | null {
  try {
    return window.localStorage.getItem(TOKEN_KEY);
  } catch {
    return null; // storage disabled: the session lasts as long as the page
  }
}

function writeStoredToken(token: string | null) {
  try {
    if (token) window.localStorage.setItem(TOKEN_KEY, token);
    else window.localStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage disabled: nothing to persist
  }
}
