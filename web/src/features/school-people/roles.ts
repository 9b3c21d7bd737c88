// School roles in words people use, and the list filters.
export type SchoolRole = "TEACHER" | "COACH" | "ADMIN";
export type RoleFilter = "" | SchoolRole;
export type StatusFilter = "ACTIVE" | "DEACTIVATED";

export const ROLE_LABELS: Record<SchoolRole, string> = { TEACHER: "Teacher", COACH: "Coach", ADMIN: "Admin" };

export const ROLE_OPTIONS = (["TEACHER", "COACH", "ADMIN"] as const).map((value) => ({ value, label: ROLE_LABELS[value] }));

export const ROLE_FILTERS: { value: RoleFilter; label: string }[] = [
  { value: "", label: "All roles" },
  { value: "TEACHER", label: "Teachers" },
  { value: "COACH", label: "Coaches" },
  { value: "ADMIN", label: "Admins" },
];

/** What each role may do, shown where an admin chooses one. */
export const ROLE_HINTS: Record<SchoolRole, string> = {
  TEACHER: "Teachers work in their own groups and start peer groups.",
  COACH: "Coaches also steer PLCs, coach teachers and see the support network (never a peer group's content).",
  ADMIN: "Admins also manage the school here: people, groups, settings.",
};
