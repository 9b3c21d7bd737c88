// Every in-app URL, built in one place. Ids are the api's relay global ids, encoded for the path.

const id = (value: string) => encodeURIComponent(value);

export const paths = {
  signIn: "/sign-in",
  /** Where the sign-up email's link points (api/src/email/sign-up-emails.ts), with `?token=`. */
  confirmSignUp: "/confirm-sign-up",
  signUp: "/sign-up",
  forgotPassword: "/forgot-password",
  /** Where a password-reset link points (api/src/email/password-reset-emails.ts), with `?token=`. */
  resetPassword: "/reset-password",
  /** A signed-in person without a school starts one here. */
  createSchool: "/new-school",
  /** The school console's settings section (its admins only). */
  schoolSettings: "/school/settings",
  /** Where the api hands a finished school sign-in over, with `#code=` (api/src/single-sign-on-http.ts). */
  finishSchoolSignIn: "/sign-in/school",
  /** The school's single sign-on settings (admins). */
  singleSignOnSettings: "/school/sign-in",
  home: "/",
  /** What a person sets for themselves, on one page: notifications, calendar link, their emails. */
  settings: "/settings",
  /** The old address of the notification settings: redirects to the settings page's section. */
  notificationSettings: "/settings/notifications",
  /** The settings page's notifications section (linked from the bell's panel). */
  notificationSettingsSection: "/settings#notifications",
  /** The school console's outbox (admins): the school's account emails. */
  schoolOutbox: "/school/outbox",
  coach: "/coach",
  /** Your coaching cycles, as the teacher (or the coach). */
  myCoaching: "/coaching",
  coachingCycle: (cycleId: string) => `/coaching/${id(cycleId)}`,
  /** The admin console; its sections are child routes (features/school/sections.ts). */
  school: "/school",
  startPeerGroup: "/groups/new",
  schoolGroups: "/school/groups",
  group: (groupId: string) => `/groups/${id(groupId)}`,
  groupData: (groupId: string) => `/groups/${id(groupId)}/data`,
  document: (documentId: string) => `/documents/${id(documentId)}`,
  session: (sessionId: string) => `/sessions/${id(sessionId)}`,
  schoolInvitations: "/school/invitations",
  schoolImport: "/school/import",
  /** Where an invitation's link points (api/src/domain/invitations.ts, ACCEPT_INVITATION_PATH). */
  acceptInvitation: (token: string) => `/invitations/${id(token)}`,
};
