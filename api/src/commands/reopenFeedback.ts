// Open a resolved feedback thread again.
import type { Prisma } from "../generated/prisma/client.ts";
import type { Caller, Selection } from "./run-command.ts";
import { setFeedbackResolved } from "./set-feedback-resolved.ts";

export function reopenFeedback(caller: Caller, feedbackId: string, selection: Selection<Prisma.FeedbackSelect, Prisma.FeedbackInclude> = {}) {
  return setFeedbackResolved(caller, feedbackId, false, selection);
}
