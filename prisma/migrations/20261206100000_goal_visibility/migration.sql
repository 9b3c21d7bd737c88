-- A teacher chooses who sees each of their own goals. Until now a coach read every goal of the
-- teachers they coach without the teacher ever choosing that, so existing goals start as the
-- most private choice, ONLY_ME, like new ones: the teacher can share a goal in one step, while
-- a goal shown to someone can never be unshown.
CREATE TYPE "GoalVisibility" AS ENUM ('ONLY_ME', 'MY_COACH', 'MY_GROUP');

ALTER TABLE "Goal" ADD COLUMN "visibility" "GoalVisibility" NOT NULL DEFAULT 'ONLY_ME',
ADD COLUMN "sharedWithGroupId" UUID;

CREATE INDEX "Goal_sharedWithGroupId_idx" ON "Goal"("sharedWithGroupId");

ALTER TABLE "Goal" ADD CONSTRAINT "Goal_sharedWithGroupId_fkey" FOREIGN KEY ("sharedWithGroupId") REFERENCES "Group"("id") ON DELETE SET NULL ON UPDATE CASCADE;
