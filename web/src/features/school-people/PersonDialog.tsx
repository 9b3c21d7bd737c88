// The question asked before an admin changes a person: their role (with what each role may do),
// deactivation (what it ends, what it keeps) or reactivation. The api's refusal (the last admin,
// deactivating yourself) is shown in the dialog as its sentence; on success the page says what
// happened.
import { useState } from "react";
import { useMutation } from "urql";
import { mutationOutcome } from "../../graphql/mutation-outcome.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { SelectField } from "../../ui/fields.tsx";
import { describeError } from "../../ui/states.tsx";
import type { Member } from "./PeopleRows.tsx";
import { ChangeRoleMutation, DeactivateMutation, ReactivateMutation } from "./people-queries.ts";
import { ROLE_HINTS, ROLE_LABELS, ROLE_OPTIONS, type SchoolRole } from "./roles.ts";

export type PersonAction = { kind: "role" | "deactivate" | "reactivate"; member: Member };

export function PersonDialog({
  action,
  schoolName,
  onCancel,
  onDone,
}: {
  action: PersonAction;
  schoolName: string;
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const { member } = action;
  const name = member.user.name;
  const [role, setRole] = useState<SchoolRole>(member.role);
  const [error, setError] = useState<string | null>(null);
  const [changing, changeRole] = useMutation(ChangeRoleMutation);
  const [deactivating, deactivate] = useMutation(DeactivateMutation);
  const [reactivating, reactivate] = useMutation(ReactivateMutation);
  const busy = changing.fetching || deactivating.fetching || reactivating.fetching;

  const settle = (outcome: { ok: true } | { ok: false; failure: Parameters<typeof describeError>[0] }, message: string) => {
    if (outcome.ok) onDone(message);
    else setError(describeError(outcome.failure)[0]?.message ?? "That did not work. Try again.");
  };

  async function confirm() {
    setError(null);
    const variables = { memberId: member.id };
    if (action.kind === "role") {
      if (role === member.role) return onCancel();
      const result = await changeRole({ ...variables, role });
      return settle(mutationOutcome(result, "changeSchoolMemberRole"), `${name} is now ${article(role)} ${ROLE_LABELS[role].toLowerCase()}.`);
    }
    if (action.kind === "deactivate") {
      const result = await deactivate(variables);
      return settle(
        mutationOutcome(result, "deactivateSchoolMember"),
        `${name} was deactivated: signed out everywhere, with their API tokens for ${schoolName} revoked. Find them under Status: Deactivated.`,
      );
    }
    const result = await reactivate(variables);
    return settle(mutationOutcome(result, "reactivateSchoolMember"), `${name} was reactivated and can sign in again.`);
  }

  const errorLine = error ? (
    <p className="field__error" role="alert">
      {error}
    </p>
  ) : null;

  if (action.kind === "role") {
    return (
      <ConfirmDialog open title={`Change ${name}'s role`} confirmLabel="Save role" busy={busy} onConfirm={() => void confirm()} onCancel={onCancel}>
        <SelectField label="Role" value={role} options={ROLE_OPTIONS} hint={ROLE_HINTS[role]} onChange={(e) => setRole(e.currentTarget.value as SchoolRole)} />
        {errorLine}
      </ConfirmDialog>
    );
  }
  if (action.kind === "deactivate") {
    return (
      <ConfirmDialog open danger title={`Deactivate ${name}?`} confirmLabel="Deactivate" busy={busy} onConfirm={() => void confirm()} onCancel={onCancel}>
        <p>
          {name} will be signed out everywhere at once, any document they have open will close, and their API tokens for {schoolName} will stop working. They
          cannot sign in to {schoolName} until you reactivate them.
        </p>
        <p>Everything they wrote stays, and so do their groups, for when they come back.</p>
        {errorLine}
      </ConfirmDialog>
    );
  }
  return (
    <ConfirmDialog open title={`Reactivate ${name}?`} confirmLabel="Reactivate" busy={busy} onConfirm={() => void confirm()} onCancel={onCancel}>
      <p>
        {name} gets back their role ({ROLE_LABELS[member.role].toLowerCase()}) and their groups, and can sign in again. Sessions and API tokens ended at
        deactivation stay ended.
      </p>
      {errorLine}
    </ConfirmDialog>
  );
}

function article(role: SchoolRole): string {
  return role === "ADMIN" ? "an" : "a";
}
