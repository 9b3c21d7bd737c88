// A coaching cycle moves through its phases in order; advancing from the last completes it.
import type { CoachingPhase } from "../generated/prisma/enums.ts";

export const COACHING_PHASES: readonly CoachingPhase[] = ["IDENTIFY", "LEARN", "IMPROVE"];
