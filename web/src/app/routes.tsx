// The app's routes: every page's URL (paths.ts builds them). Ids in URLs are relay global ids.
// Pages with heavy dependencies (the Tiptap editor, CSV parsing) load on first visit, so
// sign-in and home stay small.
import { createBrowserRouter, type RouteObject } from "react-router-dom";
import { HomePage } from "../features/home/HomePage.tsx";
import { GroupPage } from "../features/groups/GroupPage.tsx";
import { ConfirmSignUpPage } from "../features/auth/ConfirmSignUpPage.tsx";
import { SignInPage } from "../features/auth/SignInPage.tsx";
import { Loading } from "../ui/states.tsx";
import { AppLayout } from "./AppLayout.tsx";
import { RequireSignIn } from "./guards.tsx";
import { NotFoundPage } from "./NotFoundPage.tsx";
import { paths } from "./paths.ts";
import { RouteError } from "./RouteError.tsx";

export const routes: RouteObject[] = [
  {
    path: "/sign-in",
    element: <SignInPage />,
    errorElement: <RouteError standalone />,
    hydrateFallbackElement: <Loading />,
  },
  {
    // The api's redirect after the school's provider signed someone in (a one-time code in the fragment).
    path: paths.finishSchoolSignIn,
    lazy: () => import("../features/single-sign-on/FinishSchoolSignInPage.tsx").then((module) => ({ Component: module.FinishSchoolSignInPage })),
    errorElement: <RouteError standalone />,
    hydrateFallbackElement: <Loading />,
  },
  {
    // The sign-up email's link (the api builds it: api/src/email/sign-up-emails.ts).
    path: paths.confirmSignUp,
    element: <ConfirmSignUpPage />,
    errorElement: <RouteError standalone />,
    hydrateFallbackElement: <Loading />,
  },
  {
    path: "/",
    element: (
      <RequireSignIn>
        <AppLayout />
      </RequireSignIn>
    ),
    errorElement: <RouteError standalone />,
    hydrateFallbackElement: <Loading />,
    children: [
      {
        // Errors inside a page render below the header, so navigation keeps working.
        errorElement: <RouteError />,
        children: [
          { index: true, element: <HomePage /> },
          { path: "groups/:groupId", element: <GroupPage /> },
          {
            path: "groups/:groupId/data",
            lazy: () => import("../features/plc/PlcDataPage.tsx").then((module) => ({ Component: module.PlcDataPage })),
          },
          {
            path: "documents/:documentId",
            lazy: () => import("../features/editor/DocumentPage.tsx").then((module) => ({ Component: module.DocumentPage })),
          },
          {
            path: "sessions/:sessionId",
            lazy: () => import("../features/meeting/MeetingPage.tsx").then((module) => ({ Component: module.MeetingPage })),
          },
          {
            path: "school/sign-in",
            lazy: () => import("../features/single-sign-on/SingleSignOnSettingsPage.tsx").then((module) => ({ Component: module.SingleSignOnSettingsPage })),
          },
          {
            path: "coach",
            lazy: () => import("../features/coach/CoachDashboardPage.tsx").then((module) => ({ Component: module.CoachDashboardPage })),
          },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
