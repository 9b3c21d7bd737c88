// What an integrator's API token may be granted. A signed-in person (session token) holds
// every scope; a request made with an API token holds only the token's scopes.
export const API_SCOPES = [
  "SCHOOL_READ",
  "SCHOOL_WRITE",
  "GROUPS_READ",
  "GROUPS_WRITE",
  "CONTENT_READ",
  "CONTENT_WRITE",
  "GOALS_READ",
  "GOALS_WRITE",
  "COACHING_READ",
  "COACHING_WRITE",
  "INSIGHTS_READ",
  "INSIGHTS_WRITE",
  "ASSESSMENTS_READ",
  "ASSESSMENTS_WRITE",
] as const;

export type ApiScope = (typeof API_SCOPES)[number];

export const API_SCOPE_DESCRIPTIONS: Record<ApiScope, string> = {
  SCHOOL_READ: "Read the school's staff list and roles, and (admins) email addresses.",
  SCHOOL_WRITE: "Add, change, deactivate, reactivate and remove school members (admins only).",
  GROUPS_READ: "Read groups, their members (who, and their role) and meeting cadence.",
  GROUPS_WRITE: "Create, change, archive and leave groups, and change their membership.",
  CONTENT_READ: "Read group content: sessions, agendas, norms, documents, feedback, action items.",
  CONTENT_WRITE: "Change group content.",
  GOALS_READ: "Read goals and check-ins.",
  GOALS_WRITE: "Create and update goals and check-ins.",
  COACHING_READ: "Read coaching assignments and cycles.",
  COACHING_WRITE: "Change coaching assignments, cycles and notes.",
  INSIGHTS_READ: "Read shared insights and their rollup.",
  INSIGHTS_WRITE: "Share insights from a group.",
  ASSESSMENTS_READ: "Read assessments, results and aggregates.",
  ASSESSMENTS_WRITE: "Record assessments and results.",
};
