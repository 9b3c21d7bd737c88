-- Agenda items: who presents each one, and its shared timer (kept by the server, so every
-- screen in the meeting shows the same countdown).

-- AlterTable
ALTER TABLE "AgendaItem" ADD COLUMN "presenterId" UUID,
ADD COLUMN "timerStartedAt" TIMESTAMPTZ(3),
ADD COLUMN "timerUsedSeconds" INTEGER NOT NULL DEFAULT 0;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_presenterId_fkey" FOREIGN KEY ("presenterId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
