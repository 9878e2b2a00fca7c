-- AlterTable
ALTER TABLE "provider_events" ADD COLUMN     "applied_at" TIMESTAMPTZ(3),
ADD COLUMN     "apply_after" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "claimed_until" TIMESTAMPTZ(3),
ADD COLUMN     "provider_message_id" TEXT;

-- Events stored before this were applied as they arrived.
UPDATE "provider_events" SET "applied_at" = "received_at";

-- The worker's queue: events not applied yet, oldest due first.
CREATE INDEX "provider_events_waiting_idx" ON "provider_events" ("apply_after", "received_at") WHERE "applied_at" IS NULL;
