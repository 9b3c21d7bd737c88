// The admin console's sections, in the order of its navigation. Each is a child route of /school
// (app/routes.tsx) whose page lives in its own feature folder and reads the school through
// useConsoleSchool(); adding a section is one line here and one route there.
export type SchoolSection = { path: string; label: string };

export const SCHOOL_SECTIONS: readonly SchoolSection[] = [
  { path: "people", label: "People" },
  { path: "invitations", label: "Invitations" },
  { path: "import", label: "Import" },
  { path: "groups", label: "Groups" },
  { path: "coaching", label: "Coaching" },
  { path: "outbox", label: "Outbox" },
  { path: "tokens", label: "API tokens" },
  { path: "sign-in", label: "Sign-in (single sign-on)" },
  { path: "settings", label: "Settings" },
];

/** Where /school itself opens. */
export const FIRST_SECTION = SCHOOL_SECTIONS[0]!.path;
