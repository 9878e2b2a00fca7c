-- CreateEnum
CREATE TYPE "subscriber_status" AS ENUM ('subscribed', 'unsubscribed', 'bounced', 'complained');

-- CreateEnum
CREATE TYPE "campaign_status" AS ENUM ('draft', 'scheduled', 'sending', 'paused', 'cancelled', 'completed');

-- CreateTable
CREATE TABLE "mailing_lists" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "mailing_lists_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "subscribers" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "list_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "normalised_email" TEXT NOT NULL,
    "name" TEXT,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "status" "subscriber_status" NOT NULL DEFAULT 'subscribed',
    "unsubscribed_at" TIMESTAMPTZ(3),
    "unsubscribed_via" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "subscribers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "segments" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "list_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "match" TEXT NOT NULL DEFAULT 'all',
    "conditions" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "segments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaigns" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "template_id" UUID NOT NULL,
    "template_version" INTEGER,
    "subject" TEXT,
    "from_name" TEXT,
    "reply_to_id" UUID,
    "track_engagement" BOOLEAN NOT NULL DEFAULT false,
    "fallbacks" JSONB NOT NULL DEFAULT '{}',
    "status" "campaign_status" NOT NULL DEFAULT 'draft',
    "scheduled_for" TIMESTAMPTZ(3),
    "paused_reason" TEXT,
    "recipient_count" INTEGER,
    "resume_after_row" INTEGER NOT NULL DEFAULT 0,
    "claimed_until" TIMESTAMPTZ(3),
    "started_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "archived_at" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "campaigns_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_audiences" (
    "campaign_id" UUID NOT NULL,
    "list_id" UUID NOT NULL,
    "segment_id" UUID,

    CONSTRAINT "campaign_audiences_pkey" PRIMARY KEY ("campaign_id","list_id")
);

-- CreateTable
CREATE TABLE "campaign_recipients" (
    "campaign_id" UUID NOT NULL,
    "row_number" INTEGER NOT NULL,
    "subscriber_id" UUID NOT NULL,
    "list_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "normalised_email" TEXT NOT NULL,
    "name" TEXT,
    "attributes" JSONB NOT NULL,

    CONSTRAINT "campaign_recipients_pkey" PRIMARY KEY ("campaign_id","row_number")
);

-- CreateIndex
CREATE UNIQUE INDEX "mailing_lists_service_id_name_key" ON "mailing_lists"("service_id", "name");

-- CreateIndex
CREATE INDEX "subscribers_service_id_normalised_email_idx" ON "subscribers"("service_id", "normalised_email");

-- CreateIndex
CREATE INDEX "subscribers_unsubscribed_via_idx" ON "subscribers"("unsubscribed_via");

-- CreateIndex
CREATE UNIQUE INDEX "subscribers_list_id_normalised_email_key" ON "subscribers"("list_id", "normalised_email");

-- CreateIndex
CREATE INDEX "campaigns_service_id_created_at_idx" ON "campaigns"("service_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "campaigns_status_idx" ON "campaigns"("status");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_recipients_campaign_id_normalised_email_key" ON "campaign_recipients"("campaign_id", "normalised_email");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_campaign_id_normalised_recipient_key" ON "notifications"("campaign_id", "normalised_recipient");

-- CreateIndex
CREATE INDEX "complaints_notification_id_idx" ON "complaints"("notification_id");

-- AddForeignKey
ALTER TABLE "mailing_lists" ADD CONSTRAINT "mailing_lists_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscribers" ADD CONSTRAINT "subscribers_list_id_fkey" FOREIGN KEY ("list_id") REFERENCES "mailing_lists"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "segments" ADD CONSTRAINT "segments_list_id_fkey" FOREIGN KEY ("list_id") REFERENCES "mailing_lists"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_audiences" ADD CONSTRAINT "campaign_audiences_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_audiences" ADD CONSTRAINT "campaign_audiences_list_id_fkey" FOREIGN KEY ("list_id") REFERENCES "mailing_lists"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_audiences" ADD CONSTRAINT "campaign_audiences_segment_id_fkey" FOREIGN KEY ("segment_id") REFERENCES "segments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_recipients" ADD CONSTRAINT "campaign_recipients_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;
