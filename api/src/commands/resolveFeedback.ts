// Mark a feedback thread resolved.
import type { Prisma } from "../generated/prisma/client.ts";
import type { Caller, Selection } from "./run-command.ts";
import { setFeedbackResolved } from "./set-feedback-resolved.ts";

export function resolveFeedback(caller: Caller, feedbackId: string, selection: Selection<Prisma.FeedbackSelect, Prisma.FeedbackInclude> = {}) {
  return setFeedbackResolved(caller, feedbackId, true, selection);
}
