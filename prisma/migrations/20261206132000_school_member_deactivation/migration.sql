-- An admin can deactivate a school member (and reactivate them): the membership row stays, so
-- everything the person authored keeps its author, and reactivation restores it as it was.
ALTER TABLE "SchoolMember" ADD COLUMN "deactivatedAt" TIMESTAMPTZ(3);
