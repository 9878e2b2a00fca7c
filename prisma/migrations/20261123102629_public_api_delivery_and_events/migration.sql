-- CreateEnum
CREATE TYPE "guest_list_recipient_type" AS ENUM ('email', 'mobile');

-- CreateEnum
CREATE TYPE "callback_type" AS ENUM ('delivery_status', 'inbound_sms', 'complaint');

-- CreateEnum
CREATE TYPE "suppression_reason" AS ENUM ('bounce', 'complaint', 'opt_out', 'manual');

-- AlterTable: existing services get a local part from their name, made unique by their id.
ALTER TABLE "services" ADD COLUMN     "email_sender_local_part" TEXT;
UPDATE "services" SET "email_sender_local_part" = trim(both '.' from regexp_replace(lower("name"), '[^a-z0-9]+', '.', 'g')) || '.' || left("id"::text, 8);
ALTER TABLE "services" ALTER COLUMN "email_sender_local_part" SET NOT NULL;

-- AlterTable
ALTER TABLE "notifications" ADD COLUMN     "unsubscribe_url" TEXT;

-- CreateTable
CREATE TABLE "notification_status_changes" (
    "id" UUID NOT NULL,
    "notification_id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "from_status" "notification_status",
    "to_status" "notification_status" NOT NULL,
    "reason" TEXT,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_status_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "service_guest_list" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "recipient_type" "guest_list_recipient_type" NOT NULL,
    "recipient" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_guest_list_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbound_sms" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "user_number" TEXT NOT NULL,
    "notify_number" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "provider_reference" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inbound_sms_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_idempotency_keys" (
    "service_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status_code" INTEGER NOT NULL,
    "response_body" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_idempotency_keys_pkey" PRIMARY KEY ("service_id","key")
);

-- CreateTable
CREATE TABLE "service_callback_apis" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "callback_type" "callback_type" NOT NULL,
    "url" TEXT NOT NULL,
    "bearer_token_encrypted" TEXT NOT NULL,
    "updated_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "service_callback_apis_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "callback_attempts" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "callback_type" "callback_type" NOT NULL,
    "subject_id" UUID,
    "url" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "status_code" INTEGER,
    "error" TEXT,
    "duration_ms" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "callback_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "complaints" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "notification_id" UUID,
    "email_address" TEXT NOT NULL,
    "feedback_type" TEXT,
    "sub_type" TEXT,
    "user_agent" TEXT,
    "feedback_id" TEXT,
    "complained_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "complaints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "suppression_entries" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "recipient_type" "guest_list_recipient_type" NOT NULL,
    "recipient" TEXT NOT NULL,
    "reason" "suppression_reason" NOT NULL,
    "bounce_sub_type" TEXT,
    "diagnostic_code" TEXT,
    "notification_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "suppression_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "provider_events" (
    "id" UUID NOT NULL,
    "sns_message_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "service_id" UUID,
    "notification_id" UUID,
    "payload" JSONB NOT NULL,
    "occurred_at" TIMESTAMPTZ(3),
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "provider_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_engagements" (
    "notification_id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "first_opened_at" TIMESTAMPTZ(3),
    "open_count" INTEGER NOT NULL DEFAULT 0,
    "first_clicked_at" TIMESTAMPTZ(3),
    "click_count" INTEGER NOT NULL DEFAULT 0,
    "last_clicked_link" TEXT,

    CONSTRAINT "notification_engagements_pkey" PRIMARY KEY ("notification_id")
);

-- CreateTable
CREATE TABLE "inbound_numbers" (
    "id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "service_id" UUID,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "inbound_numbers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "provider_send_budgets" (
    "key" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "refilled_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "provider_send_budgets_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "notification_status_changes_notification_id_occurred_at_idx" ON "notification_status_changes"("notification_id", "occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "service_guest_list_service_id_recipient_type_recipient_key" ON "service_guest_list"("service_id", "recipient_type", "recipient");

-- CreateIndex
CREATE INDEX "inbound_sms_service_id_created_at_idx" ON "inbound_sms"("service_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "inbound_sms_provider_reference_key" ON "inbound_sms"("provider_reference");

-- CreateIndex
CREATE INDEX "api_idempotency_keys_created_at_idx" ON "api_idempotency_keys"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "service_callback_apis_service_id_callback_type_key" ON "service_callback_apis"("service_id", "callback_type");

-- CreateIndex
CREATE INDEX "callback_attempts_service_id_created_at_idx" ON "callback_attempts"("service_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "complaints_service_id_complained_at_idx" ON "complaints"("service_id", "complained_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "complaints_feedback_id_email_address_key" ON "complaints"("feedback_id", "email_address");

-- CreateIndex
CREATE INDEX "suppression_entries_service_id_created_at_idx" ON "suppression_entries"("service_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "suppression_entries_service_id_recipient_type_recipient_key" ON "suppression_entries"("service_id", "recipient_type", "recipient");

-- CreateIndex
CREATE UNIQUE INDEX "provider_events_sns_message_id_key" ON "provider_events"("sns_message_id");

-- CreateIndex
CREATE INDEX "provider_events_notification_id_idx" ON "provider_events"("notification_id");

-- CreateIndex
CREATE INDEX "provider_events_service_id_received_at_idx" ON "provider_events"("service_id", "received_at" DESC);

-- CreateIndex
CREATE INDEX "provider_events_received_at_idx" ON "provider_events"("received_at");

-- CreateIndex
CREATE UNIQUE INDEX "inbound_numbers_number_key" ON "inbound_numbers"("number");

-- CreateIndex
CREATE INDEX "inbound_numbers_service_id_idx" ON "inbound_numbers"("service_id");

-- CreateIndex
CREATE UNIQUE INDEX "services_email_sender_local_part_key" ON "services"("email_sender_local_part");

-- AddForeignKey
ALTER TABLE "notification_status_changes" ADD CONSTRAINT "notification_status_changes_notification_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_guest_list" ADD CONSTRAINT "service_guest_list_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbound_sms" ADD CONSTRAINT "inbound_sms_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_callback_apis" ADD CONSTRAINT "service_callback_apis_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_notification_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "suppression_entries" ADD CONSTRAINT "suppression_entries_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_engagements" ADD CONSTRAINT "notification_engagements_notification_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbound_numbers" ADD CONSTRAINT "inbound_numbers_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE SET NULL ON UPDATE CASCADE;
