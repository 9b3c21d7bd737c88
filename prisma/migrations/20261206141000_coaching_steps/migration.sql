-- Coaching cycles run in six steps (grouped in the Identify / Learn / Improve stages), with
-- look-fors, a next check-back date, observations and action steps.
CREATE TYPE "CoachingStep" AS ENUM ('GOAL', 'PRE_CONFERENCE', 'OBSERVATION', 'REFLECTION', 'ACTION_STEP', 'CHECK_BACK');

ALTER TABLE "CoachingCycle"
    ADD COLUMN "step" "CoachingStep" NOT NULL DEFAULT 'GOAL',
    ADD COLUMN "lookFors" TEXT[] DEFAULT ARRAY[]::TEXT[],
    ADD COLUMN "nextCheckBackOn" DATE,
    ADD COLUMN "lastContactAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- Existing cycles keep their stage: each starts at its stage's first step, and was last in
-- contact when it started (nothing older is known).
UPDATE "CoachingCycle" SET
    "step" = CASE "phase" WHEN 'IDENTIFY' THEN 'GOAL'::"CoachingStep" WHEN 'LEARN' THEN 'OBSERVATION'::"CoachingStep" ELSE 'ACTION_STEP'::"CoachingStep" END,
    "lastContactAt" = "startedAt";

CREATE TABLE "CoachingObservation" (
    "id" UUID NOT NULL,
    "cycleId" UUID NOT NULL,
    "lookFor" TEXT NOT NULL DEFAULT '',
    "body" TEXT NOT NULL,
    "forTeacher" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CoachingObservation_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "CoachingActionStep" (
    "id" UUID NOT NULL,
    "cycleId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "doneAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CoachingActionStep_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "CoachingObservation_cycleId_createdAt_idx" ON "CoachingObservation"("cycleId", "createdAt");
CREATE INDEX "CoachingActionStep_cycleId_createdAt_idx" ON "CoachingActionStep"("cycleId", "createdAt");

ALTER TABLE "CoachingObservation" ADD CONSTRAINT "CoachingObservation_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "CoachingCycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "CoachingActionStep" ADD CONSTRAINT "CoachingActionStep_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "CoachingCycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;
