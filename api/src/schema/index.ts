// Imports every domain file (each registers its types on the shared builder) and builds.
import { lexicographicSortSchema, printSchema } from "graphql";
import { builder } from "./builder.ts";
import "./error-types.ts";
import "./enums.ts";
import "./users.ts";
import "./auth.ts";
import "./password-reset.ts";
import "./demo.ts";
import "./schools.ts";
import "./invitations.ts";
import "./emails.ts";
import "./roster-import.ts";
import "./single-sign-on.ts";
import "./groups.ts";
import "./sessions.ts";
import "./norms.ts";
import "./documents.ts";
import "./document-content.ts";
import "./versions.ts";
import "./feedback.ts";
import "./my-feedback.ts";
import "./goals.ts";
import "./action-items.ts";
import "./coaching.ts";
import "./insights.ts";
import "./assessments.ts";
import "./calendar-feeds.ts";
import "./subscriptions.ts";
import "./notifications.ts";

export const schema = builder.toSchema({ sortSchema: true });

/** The checked-in contract: printed, sorted SDL. */
export function printSortedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
