// Start a coaching cycle with a teacher: the goal and what to look for when observing. A teacher
// who is not yet the coach's (one flagged with no support network) is paired with them first, at
// the tier chosen here; the api does both in one go and checks the rules again.
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { useMutation } from "urql";
import { paths } from "../../app/paths.ts";
import { COACHING_CHANGED } from "../../graphql/coaching-assignments.ts";
import { mutationOutcome } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import { SelectField, TextAreaField, TextField } from "../../ui/fields.tsx";
import { Modal } from "../../ui/Modal.tsx";
import { ErrorState, issueFor, type ShowableError } from "../../ui/states.tsx";
import { TIER_LABEL, TIERS_BY_NEED, type SupportTier } from "../../ui/support-tiers.tsx";
import { StartCoachingCycleMutation } from "./queries.ts";

/** `assign`: the viewer is not the teacher's coach yet; `otherCoaches`: who coaches them already. */
export type StartRequest = { teacher: { id: string; name: string }; assign: boolean; otherCoaches?: readonly string[] };

export function StartCycleDialog({ schoolId, request, onCancel }: { schoolId: string; request: StartRequest; onCancel: () => void }) {
  const navigate = useNavigate();
  const [goal, setGoal] = useState("");
  const [lookFors, setLookFors] = useState("");
  const [tier, setTier] = useState<SupportTier>("TARGETED");
  const [goalError, setGoalError] = useState<string | undefined>();
  const [failure, setFailure] = useState<ShowableError | null>(null);
  const [{ fetching }, start] = useMutation(StartCoachingCycleMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    if (goal.trim().length < 2) {
      setGoalError("Write the goal the two of you agreed on, in a sentence.");
      return;
    }
    setGoalError(undefined);
    const input = {
      schoolId,
      teacherId: request.teacher.id,
      goal: goal.trim(),
      lookFors: lookFors
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean),
      ...(request.assign ? { assign: true, tier } : {}),
    };
    const outcome = mutationOutcome(await start({ input }, COACHING_CHANGED), "startCoachingCycle");
    if (outcome.ok) navigate(paths.coachingCycle(outcome.payload.data.id));
    else setFailure(outcome.failure);
  };

  return (
    <Modal open title={`Start a coaching cycle with ${request.teacher.name}`} onClose={onCancel}>
      <form className="form" onSubmit={submit} noValidate>
        {request.assign ? (
          <p>
            {request.otherCoaches?.length
              ? `Starting the cycle makes you one of ${request.teacher.name}'s coaches, with ${request.otherCoaches.join(" and ")}.`
              : `${request.teacher.name} has no coach yet: starting the cycle makes you their coach.`}
          </p>
        ) : null}
        <TextField
          label="Goal"
          hint={`What ${request.teacher.name} wants to change for their students. They see it.`}
          value={goal}
          maxLength={500}
          onChange={(e) => setGoal(e.currentTarget.value)}
          error={goalError ?? issueFor(failure, "goal")}
          autoFocus
        />
        <TextAreaField
          label="Look-fors (optional, one per line)"
          hint="What you will look for when you observe. You can change them later."
          rows={3}
          value={lookFors}
          onChange={(e) => setLookFors(e.currentTarget.value)}
          error={issueFor(failure, "lookFors")}
        />
        {request.assign ? (
          <SelectField
            label="Support tier"
            value={tier}
            onChange={(e) => setTier(e.currentTarget.value as SupportTier)}
            options={TIERS_BY_NEED.map((t) => ({ value: t, label: TIER_LABEL[t] }))}
          />
        ) : null}
        {failure ? <ErrorState error={failure} title="The cycle was not started" fields={["goal", "lookFors"]} /> : null}
        <div className="dialog__actions">
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" busy={fetching} busyLabel="Starting…">
            Start the cycle
          </Button>
        </div>
      </form>
    </Modal>
  );
}
