-- A teacher chooses who sees each of their own goals. Until now a coach read every goal of the
-- teachers they coach without the teacher ever choosing that, so existing goals start as the
-- most private choice, ONLY_ME, like new ones: the teacher can share a goal in one step, while
-- a goal shown to someone can never be unshown.
CREATE TYPE "GoalVisibility" AS ENUM ('ONLY_ME', 'MY_COACH', 'MY_GROUP');

ALTER TABLE "Goal" ADD COLUMN "visibility" "GoalVisibility" NOT NULL DEFAULT 'ONLY_ME',
ADD COLUMN "sharedWithGroupId" UUID;

CREATE INDEX "Goal_sharedWithGroupId_idx" ON "Goal"("sharedWithGroupId");

ALTER TABLE "Goal" ADD CONSTRAINT "Goal_sharedWithGroupId_fkey" FOREIGN KEY ("sharedWithGroupId") REFERENCES "Group"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- "My group" means a group the teacher is in. When they leave it (or are removed, or the group
-- goes), their goals shared with it fall back to the teacher alone, whatever path removed the
-- membership: the API, a cascade, or SQL run by hand.
CREATE FUNCTION "goal_unshare_on_leaving_group"() RETURNS trigger AS $$
BEGIN
  UPDATE "Goal" SET "visibility" = 'ONLY_ME', "sharedWithGroupId" = NULL
  WHERE "ownerUserId" = OLD."userId" AND "sharedWithGroupId" = OLD."groupId";
  RETURN OLD;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "GroupMember_unshare_goals" AFTER DELETE ON "GroupMember"
FOR EACH ROW EXECUTE FUNCTION "goal_unshare_on_leaving_group"();
