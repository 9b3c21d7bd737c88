// Assign a coach to a teacher, or change a pairing (its coach, tier or focus), in a modal form on
// the native <dialog> (focus moves in, Escape cancels, focus returns to the button that opened it).
// The coach list shows each coach's caseload so the admin can balance; the api checks the rules
// again (a coach or admin of the school, not the teacher themself, not already paired).
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { mutationError } from "../../graphql/mutation-outcome.ts";
import { Button } from "../Button.tsx";
import { SelectField, TextField } from "../fields.tsx";
import { asSentence, errorSentences } from "../format.ts";
import { ErrorState, type ShowableError } from "../states.tsx";
import { TIER_LABEL, TIERS_BY_NEED, type SupportTier } from "../support-tiers.tsx";
import "../dialog.css";
import { AssignCoachMutation, COACHING_CHANGED, UpdateCoachingAssignmentMutation } from "../../graphql/coaching-assignments.ts";

export type Coach = { id: string; name: string; caseload: number };
export type Pairing = { id: string; tier: SupportTier; focus: string; coach: { id: string; name: string } };
export type DialogRequest = { teacher: { id: string; name: string }; pairing: Pairing | null; coachedBy: readonly string[] };

/** What each tier means, in one sentence each, so the choice is the same across the school. */
const TIER_MEANING: Record<SupportTier, string> = {
  INTENSIVE: "Intensive: frequent one-to-one coaching, the coach's closest support.",
  TARGETED: "Targeted: regular coaching on one focus for a while.",
  NETWORK: "Network: the teacher knows who their coach is and can ask; light check-ins.",
};

type FieldName = "coach" | "tier" | "focus";
const FIELD_OF_PATH: Record<string, FieldName> = { "input.coachId": "coach", "input.tier": "tier", "input.focus": "focus" };

export function AssignmentDialog({
  schoolId,
  request,
  coaches,
  onDone,
  onCancel,
}: {
  schoolId: string;
  request: DialogRequest;
  coaches: readonly Coach[];
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { teacher, pairing } = request;
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // Someone already coaching this teacher cannot be paired with them twice (a pairing's own coach stays listed).
  const choices = coaches.filter((c) => c.id !== teacher.id && (c.id === pairing?.coach.id || !request.coachedBy.includes(c.id)));
  const [coachId, setCoachId] = useState(pairing?.coach.id ?? "");
  const [tier, setTier] = useState<SupportTier>(pairing?.tier ?? "TARGETED");
  const [focus, setFocus] = useState(pairing?.focus ?? "");
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [failure, setFailure] = useState<ShowableError | null>(null);
  const [assigning, assign] = useMutation(AssignCoachMutation);
  const [updating, update] = useMutation(UpdateCoachingAssignmentMutation);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const local: Partial<Record<FieldName, string>> = {};
    if (!coachId) local.coach = "Choose a coach.";
    if (focus.trim().length > 500) local.focus = `The focus is ${focus.trim().length} characters long; keep it to 500.`;
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    const result = pairing
      ? await update({ input: { assignmentId: pairing.id, tier, focus: focus.trim(), ...(coachId !== pairing.coach.id ? { coachId } : {}) } }, COACHING_CHANGED)
      : await assign({ input: { schoolId, coachId, teacherId: teacher.id, tier, focus: focus.trim() } }, COACHING_CHANGED);
    if (result.error || !result.data) {
      setFailure(result.error ? errorSentences(result.error) : "Staffroom did not answer, so nothing changed. Try again.");
      return;
    }
    const payload = "assignCoach" in result.data ? result.data.assignCoach : result.data.updateCoachingAssignment;
    if (payload.__typename === "MutationAssignCoachSuccess" || payload.__typename === "MutationUpdateCoachingAssignmentSuccess") {
      const { coach, teacher: coached, tier: savedTier } = payload.data;
      onDone(`${coach.name} ${pairing ? "now coaches" : "is now coaching"} ${coached.name} at the ${TIER_LABEL[savedTier].toLowerCase()} tier.`);
      return;
    }
    const error = mutationError(payload);
    if (error.__typename === "ValidationError" && "issues" in error) {
      const byField: Partial<Record<FieldName, string>> = {};
      const rest: string[] = [];
      for (const issue of error.issues) {
        const field = FIELD_OF_PATH[issue.path];
        if (field) byField[field] = asSentence(issue.message);
        else rest.push(asSentence(issue.message));
      }
      setErrors(byField);
      if (rest.length > 0) setFailure(rest.join(" "));
      return;
    }
    setFailure(error.message);
  };

  const busy = assigning.fetching || updating.fetching;
  const title = pairing ? `Change ${teacher.name}'s coaching` : `Assign a coach to ${teacher.name}`;

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <form className="form" onSubmit={submit} noValidate>
        {choices.length === 0 ? (
          <p>Every coach and admin of the school already coaches {teacher.name}. Give the school another coach from its People page first.</p>
        ) : (
          <SelectField
            label="Coach"
            hint="The number is each coach's caseload now: how many teachers they coach."
            value={coachId}
            onChange={(e) => setCoachId(e.currentTarget.value)}
            error={errors.coach}
            autoFocus
            options={[
              ...(pairing ? [] : [{ value: "", label: "Choose a coach…" }]),
              ...choices.map((c) => ({ value: c.id, label: `${c.name} (${c.caseload} ${c.caseload === 1 ? "teacher" : "teachers"})` })),
            ]}
          />
        )}
        <SelectField
          label="Support tier"
          hint={TIER_MEANING[tier]}
          value={tier}
          onChange={(e) => setTier(e.currentTarget.value as SupportTier)}
          error={errors.tier}
          options={TIERS_BY_NEED.map((t) => ({ value: t, label: TIER_LABEL[t] }))}
        />
        <TextField
          label="Focus (optional)"
          hint="What the coaching is about, in a few words. The teacher sees it too."
          value={focus}
          maxLength={500}
          onChange={(e) => setFocus(e.currentTarget.value)}
          error={errors.focus}
        />
        {failure ? <ErrorState error={failure} title={pairing ? "The coaching was not changed" : "The coach was not assigned"} /> : null}
        <div className="dialog__actions">
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" busy={busy} busyLabel="Saving…" disabled={choices.length === 0}>
            {pairing ? "Save changes" : "Assign coach"}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
