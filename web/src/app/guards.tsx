// Route guards: signed-out visitors go to /sign-in (and come back afterwards); while the viewer
// loads, a calm loading state instead of a flash of the wrong page.
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router-dom";
import { ErrorState, Loading } from "../ui/states.tsx";
import { useAuth } from "./auth.tsx";
import { paths } from "./paths.ts";

export function RequireSignIn({ children }: { children: ReactNode }) {
  const { status, retry } = useAuth();
  const location = useLocation();
  if (status === "signed-out") {
    const from = location.pathname + location.search + location.hash;
    return <Navigate to={paths.signIn} replace state={{ from }} />;
  }
  if (status === "unavailable") {
    return (
      <main className="app-main" id="main">
        <ErrorState title="Staffroom could not be reached" error="Check the connection, then try again." retry={retry} />
      </main>
    );
  }
  if (status === "loading") {
    return (
      <main className="app-main" id="main">
        <Loading label="Signing you in…" />
      </main>
    );
  }
  return <>{children}</>;
}

/** Where to go after signing in: the page that sent the visitor to /sign-in, or home. */
export function useReturnPath(): string {
  const location = useLocation();
  const from = (location.state as { from?: unknown } | null)?.from;
  return typeof from === "string" && from.startsWith("/") && !from.startsWith("//") && from !== paths.signIn ? from : paths.home;
}
