// Ending a pairing asks first: it takes a teacher's coach away. Their cycles stay with the two of them.
import { useState } from "react";
import { useMutation } from "urql";
import { mutationOutcome } from "../../graphql/mutation-outcome.ts";
import { ConfirmDialog } from "../ConfirmDialog.tsx";
import { errorSentences } from "../format.ts";
import { ErrorState, type ShowableError } from "../states.tsx";
import type { Pairing } from "./AssignmentDialog.tsx";
import { COACHING_CHANGED, EndCoachingAssignmentMutation } from "../../graphql/coaching-assignments.ts";

export type EndRequest = { teacher: { id: string; name: string }; pairing: Pairing };

export function EndCoachingDialog({ request, onDone, onCancel }: { request: EndRequest; onDone: (message: string) => void; onCancel: () => void }) {
  const { teacher, pairing } = request;
  const [{ fetching }, end] = useMutation(EndCoachingAssignmentMutation);
  const [failure, setFailure] = useState<ShowableError | null>(null);

  const confirm = async () => {
    setFailure(null);
    const outcome = mutationOutcome(await end({ assignmentId: pairing.id }, COACHING_CHANGED), "endCoachingAssignment");
    if (outcome.ok) onDone(`${pairing.coach.name} no longer coaches ${teacher.name}.`);
    else setFailure(errorSentences(outcome.failure));
  };

  return (
    <ConfirmDialog
      open
      title={`End ${pairing.coach.name}'s coaching of ${teacher.name}?`}
      confirmLabel="End coaching"
      danger
      busy={fetching}
      onConfirm={confirm}
      onCancel={onCancel}
    >
      <p>
        {teacher.name} will no longer have {pairing.coach.name} as a coach. The coaching cycles they ran together stay with the two of them. You can assign a
        coach again at any time.
      </p>
      {failure ? <ErrorState error={failure} title="The coaching was not ended" /> : null}
    </ConfirmDialog>
  );
}
