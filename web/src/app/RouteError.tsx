// Shown when a page throws while rendering or its code fails to load (e.g. after a deploy):
// the error in words, and a way back, instead of a blank screen.
import { isRouteErrorResponse, Link, useRouteError } from "react-router-dom";
import { ErrorState } from "../ui/states.tsx";
import { paths } from "./paths.ts";

export function RouteError({ standalone = false }: { standalone?: boolean }) {
  const error = useRouteError();
  // People get a sentence, never a status line or a stack message.
  const message =
    isRouteErrorResponse(error) && error.status === 404
      ? "There is nothing at this address."
      : "Something in this page went wrong, or a newer version of Staffroom was installed. Reload the page to try again.";
  const content = (
    <>
      <ErrorState title="This page could not be shown" error={message} retry={() => window.location.reload()} />
      <p>
        <Link to={paths.home}>Go to your home page</Link>
      </p>
    </>
  );
  return standalone ? (
    <main className="app-main" id="main">
      {content}
    </main>
  ) : (
    content
  );
}
