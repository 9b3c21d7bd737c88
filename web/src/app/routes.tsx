// The app's routes: every page's URL (paths.ts builds them). Ids in URLs are relay global ids.
// Pages with heavy dependencies (the Tiptap editor, CSV parsing) load on first visit, so
// sign-in and home stay small.
import { createBrowserRouter, Navigate, type RouteObject } from "react-router-dom";
import { HomePage } from "../features/home/HomePage.tsx";
import { GroupPage } from "../features/groups/GroupPage.tsx";
import { ConfirmSignUpPage } from "../features/auth/ConfirmSignUpPage.tsx";
import { ForgotPasswordPage } from "../features/auth/ForgotPasswordPage.tsx";
import { ResetPasswordPage } from "../features/auth/ResetPasswordPage.tsx";
import { SignInPage } from "../features/auth/SignInPage.tsx";
import { FIRST_SECTION } from "../features/school/sections.ts";
import { SignUpPage } from "../features/auth/SignUpPage.tsx";
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
  ...[
    { path: paths.signUp, element: <SignUpPage /> },
    { path: paths.forgotPassword, element: <ForgotPasswordPage /> },
    // The password-reset email's link (the api builds it: api/src/email/password-reset-emails.ts).
    { path: paths.resetPassword, element: <ResetPasswordPage /> },
  ].map((route) => ({ ...route, errorElement: <RouteError standalone />, hydrateFallbackElement: <Loading /> })),
  {
    // An invitation's link (the api builds it: api/src/commands/invitation-links.ts). Public: it
    // creates the account, or lets the signed-in one join.
    path: "/invitations/:token",
    lazy: () => import("../features/invitations/AcceptInvitationPage.tsx").then((module) => ({ Component: module.AcceptInvitationPage })),
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
          {
            path: "groups/new",
            lazy: () => import("../features/groups/StartPeerGroupPage.tsx").then((module) => ({ Component: module.StartPeerGroupPage })),
          },
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
            path: "coach",
            lazy: () => import("../features/coach/CoachDashboardPage.tsx").then((module) => ({ Component: module.CoachDashboardPage })),
          },
          {
            path: paths.settings.slice(1),
            lazy: () => import("../features/settings/SettingsPage.tsx").then((module) => ({ Component: module.SettingsPage })),
          },
          {
            path: "coaching",
            lazy: () => import("../features/coaching/MyCoachingPage.tsx").then((module) => ({ Component: module.MyCoachingPage })),
          },
          // Notification settings were a page of their own; they are a section of /settings now.
          { path: paths.notificationSettings.slice(1), element: <Navigate to={paths.notificationSettingsSection} replace /> },
          {
            path: "coaching/:cycleId",
            lazy: () => import("../features/coaching/CoachingCyclePage.tsx").then((module) => ({ Component: module.CoachingCyclePage })),
          },
          {
            path: paths.createSchool.slice(1),
            lazy: () => import("../features/school-settings/CreateSchoolPage.tsx").then((module) => ({ Component: module.CreateSchoolPage })),
          },
          {
            // The admin console: one child route per section of features/school/sections.ts.
            path: "school",
            lazy: () => import("../features/school/SchoolConsoleLayout.tsx").then((module) => ({ Component: module.SchoolConsoleLayout })),
            children: [
              { index: true, element: <Navigate to={FIRST_SECTION} replace /> },
              {
                path: "people",
                lazy: () => import("../features/school-people/PeoplePage.tsx").then((module) => ({ Component: module.PeoplePage })),
              },
              {
                path: "invitations",
                lazy: () => import("../features/invitations/InvitationsPage.tsx").then((module) => ({ Component: module.InvitationsPage })),
              },
              {
                path: "import",
                lazy: () => import("../features/roster-import/RosterImportPage.tsx").then((module) => ({ Component: module.RosterImportPage })),
              },
              {
                path: "groups",
                lazy: () => import("../features/school-groups/SchoolGroupsPage.tsx").then((module) => ({ Component: module.SchoolGroupsPage })),
              },
              {
                path: "coaching",
                lazy: () => import("../features/school-coaching/SchoolCoachingPage.tsx").then((module) => ({ Component: module.SchoolCoachingPage })),
              },
              {
                path: "outbox",
                lazy: () => import("../features/emails/OutboxPage.tsx").then((module) => ({ Component: module.OutboxPage })),
              },
              {
                path: "tokens",
                lazy: () => import("../features/api-tokens/ApiTokensPage.tsx").then((module) => ({ Component: module.ApiTokensPage })),
              },
              {
                path: "sign-in",
                lazy: () =>
                  import("../features/single-sign-on/SingleSignOnSettingsPage.tsx").then((module) => ({ Component: module.SingleSignOnSettingsPage })),
              },
              {
                path: "settings",
                lazy: () => import("../features/school-settings/SchoolSettingsPage.tsx").then((module) => ({ Component: module.SchoolSettingsPage })),
              },
            ],
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
