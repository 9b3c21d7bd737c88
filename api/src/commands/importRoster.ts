// Import a staff roster (CSV: Staffroom's template or a OneRoster users.csv). Admins only.
//
// Every row is checked before anything is written, and the import is all or nothing, in one
// transaction. People are matched by email address, so importing the same file again changes
// nothing, and an updated file updates instead of duplicating:
// - a member of the school: their name, role, grades and subjects follow the file;
// - someone with an open invitation: the invitation follows the file (its link stays the same);
// - anyone else: a new invitation, emailed once the import is committed.
// Members missing from the file are left alone: a roster adds and updates, it never removes.
// `dryRun` runs the same checks and plan and writes nothing: the preview the web app shows.
import { forbidden, RosterImportError } from "../domain/errors.ts";
import { parseRoster, type RosterFormat, type RosterProblem, type RosterRow } from "../domain/roster-csv.ts";
import type { SchoolRole } from "../generated/prisma/enums.ts";
import { requireActingUser } from "../policies/actor.ts";
import { canManageInvitations } from "../policies/invitations.ts";
import { lockSchoolInvitations, queueInvitationEmails, newInvitationLink, type SentLink } from "./invitation-links.ts";
import { runCommand, type Caller, type CommandTx } from "./run-command.ts";

export type RosterOutcome = "NEW" | "UPDATED" | "UNCHANGED";
export type RosterChange = "name" | "role" | "grades" | "subjects";
export type PlannedRosterRow = RosterRow & { outcome: RosterOutcome; changes: RosterChange[]; isMember: boolean };
export type RosterImportResult = { format: RosterFormat; dryRun: boolean; rows: PlannedRosterRow[]; skipped: number };

type Current = { name: string | null; role: SchoolRole; grades: string[]; subjects: string[] };

export async function importRoster(caller: Caller, input: { schoolId: string; csv: string; dryRun: boolean }): Promise<RosterImportResult> {
  const importerId = requireActingUser(caller.actor);
  if (!canManageInvitations(caller.actor, input.schoolId)) throw forbidden();
  const parsed = parseRoster(input.csv);
  if (parsed.problems.length > 0) throw new RosterImportError(parsed.problems);
  const emails = parsed.rows.map((row) => row.email);

  const { result, queued } = await runCommand(caller, async ({ tx, accessChanged }) => {
    if (!input.dryRun) await lockSchoolInvitations(tx, input.schoolId);
    const members = new Map(
      (
        await tx.schoolMember.findMany({
          where: { schoolId: input.schoolId, user: { email: { in: emails } } },
          include: { user: { select: { id: true, email: true, name: true } } },
        })
      ).map((member) => [member.user.email, member]),
    );
    const invitations = new Map(
      (await tx.invitation.findMany({ where: { schoolId: input.schoolId, email: { in: emails }, acceptedAt: null, revokedAt: null } })).map((i) => [
        i.email,
        i,
      ]),
    );

    const rows: PlannedRosterRow[] = parsed.rows.map((row) => {
      const member = members.get(row.email);
      const current: Current | undefined = member ? { ...member, name: member.user.name } : invitations.get(row.email);
      if (!current) return { ...row, outcome: "NEW", changes: [], isMember: false };
      const changes = changesBetween(current, row);
      return { ...row, outcome: changes.length > 0 ? "UPDATED" : "UNCHANGED", changes, isMember: Boolean(member) };
    });
    await assertAnAdminRemains(tx, input.schoolId, rows, members, parsed.roleColumn);
    if (input.dryRun) return { result: { format: parsed.format, dryRun: true, rows, skipped: parsed.skipped }, queued: [] };

    const links: SentLink[] = [];
    for (const row of rows) {
      const member = members.get(row.email);
      if (row.outcome === "UPDATED" && member) {
        await tx.schoolMember.update({ where: { id: member.id }, data: { role: row.role, grades: row.grades, subjects: row.subjects } });
        if (row.changes.includes("name")) await tx.user.update({ where: { id: member.user.id }, data: { name: row.name } });
        // A new role can be a smaller one: live connections are re-checked before the import returns.
        if (row.changes.includes("role")) accessChanged({ userIds: [member.user.id] });
      } else if (row.outcome === "UPDATED") {
        await tx.invitation.update({
          where: { id: invitations.get(row.email)!.id },
          data: { name: row.name, role: row.role, grades: row.grades, subjects: row.subjects },
        });
      } else if (row.outcome === "NEW") {
        const link = newInvitationLink();
        await tx.invitation.create({
          data: {
            schoolId: input.schoolId,
            email: row.email,
            role: row.role,
            name: row.name,
            grades: row.grades,
            subjects: row.subjects,
            invitedById: importerId,
            tokenHash: link.tokenHash,
            sentAt: link.sentAt,
            expiresAt: link.expiresAt,
          },
        });
        links.push({ email: row.email, role: row.role, token: link.token });
      }
    }
    const school = await tx.school.findUniqueOrThrow({ where: { id: input.schoolId }, select: { id: true, name: true } });
    const importer = await tx.user.findUniqueOrThrow({ where: { id: importerId }, select: { name: true } });
    const queued = await queueInvitationEmails(tx, caller.services, school, importer.name, links);
    return { result: { format: parsed.format, dryRun: false, rows, skipped: parsed.skipped }, queued };
  });
  await caller.services.outbox.dispatch(...queued);
  return result;
}

function changesBetween(current: Current, row: RosterRow): RosterChange[] {
  const changes: RosterChange[] = [];
  if ((current.name ?? "") !== row.name) changes.push("name");
  if (current.role !== row.role) changes.push("role");
  if (!sameList(current.grades, row.grades)) changes.push("grades");
  if (!sameList(current.subjects, row.subjects)) changes.push("subjects");
  return changes;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value, i) => value === b[i]);

/** A school always keeps an admin: a file that would demote every one of them is refused, on the rows that would. */
async function assertAnAdminRemains(
  tx: CommandTx["tx"],
  schoolId: string,
  rows: readonly PlannedRosterRow[],
  members: ReadonlyMap<string, { role: SchoolRole; deactivatedAt: Date | null }>,
  roleColumn: string,
) {
  // Only active admins can run the school: a deactivated admin neither counts as the one who
  // remains nor, when the file demotes them, as one the school loses.
  const demoted = rows.filter((row) => {
    const member = members.get(row.email);
    return member?.role === "ADMIN" && member.deactivatedAt === null && row.role !== "ADMIN";
  });
  if (demoted.length === 0) return;
  const admins = await tx.schoolMember.count({ where: { schoolId, role: "ADMIN", deactivatedAt: null } });
  if (admins > demoted.length) return;
  const problems: RosterProblem[] = demoted.map((row) => ({
    row: row.row,
    column: roleColumn,
    message: `${row.email} is an admin, and this file would leave the school without one: keep at least one admin.`,
  }));
  throw new RosterImportError(problems);
}
