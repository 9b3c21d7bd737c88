// Every in-app URL, built in one place. Ids are the api's relay global ids, encoded for the path.

const id = (value: string) => encodeURIComponent(value);

export const paths = {
  signIn: "/sign-in",
  /** Where the sign-up email's link points (api/src/email/sign-up-emails.ts), with `?token=`. */
  confirmSignUp: "/confirm-sign-up",
  /** Where the api hands a finished school sign-in over, with `#code=` (api/src/single-sign-on-http.ts). */
  finishSchoolSignIn: "/sign-in/school",
  /** The school's single sign-on settings (admins). */
  singleSignOnSettings: "/school/sign-in",
  home: "/",
  coach: "/coach",
  group: (groupId: string) => `/groups/${id(groupId)}`,
  groupData: (groupId: string) => `/groups/${id(groupId)}/data`,
  document: (documentId: string) => `/documents/${id(documentId)}`,
  session: (sessionId: string) => `/sessions/${id(sessionId)}`,
};
