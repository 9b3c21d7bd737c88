-- PLC data that answers the PLC questions: an assessment's kind (pre, post, common, formative),
-- so results are compared within a kind, and each result's class, for the per-class comparison.

-- CreateEnum
CREATE TYPE "AssessmentKind" AS ENUM ('PRE', 'POST', 'COMMON', 'FORMATIVE');

-- AlterTable
ALTER TABLE "Assessment" ADD COLUMN "kind" "AssessmentKind" NOT NULL DEFAULT 'COMMON';

-- AlterTable
ALTER TABLE "AssessmentResult" ADD COLUMN "classLabel" TEXT;
