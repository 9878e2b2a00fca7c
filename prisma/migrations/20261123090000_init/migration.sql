-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "notification_type" AS ENUM ('email', 'sms');

-- CreateEnum
CREATE TYPE "key_type" AS ENUM ('normal', 'team', 'test');

-- CreateEnum
CREATE TYPE "permission" AS ENUM ('manage_service', 'manage_team', 'manage_templates', 'manage_api_keys', 'send_messages', 'view_activity');

-- CreateEnum
CREATE TYPE "notification_status" AS ENUM ('created', 'sending', 'pending', 'sent', 'delivered', 'permanent-failure', 'temporary-failure', 'technical-failure', 'cancelled');

-- CreateEnum
CREATE TYPE "template_process_type" AS ENUM ('normal', 'priority');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "mobile_number" TEXT,
    "is_platform_admin" BOOLEAN NOT NULL DEFAULT false,
    "failed_sign_in_count" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMPTZ(3),
    "last_signed_in_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "last_active_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ip_address" TEXT,
    "user_agent" TEXT,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "setup_tokens" (
    "id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),

    CONSTRAINT "setup_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "services" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "trial_mode" BOOLEAN NOT NULL DEFAULT true,
    "email_message_limit" INTEGER NOT NULL DEFAULT 50,
    "sms_message_limit" INTEGER NOT NULL DEFAULT 50,
    "rate_limit" INTEGER NOT NULL DEFAULT 3000,
    "can_send_international_sms" BOOLEAN NOT NULL DEFAULT false,
    "prefix_sms" BOOLEAN NOT NULL DEFAULT true,
    "email_retention_days" INTEGER NOT NULL DEFAULT 7,
    "sms_retention_days" INTEGER NOT NULL DEFAULT 7,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "services_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "service_members" (
    "service_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "permissions" "permission"[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_members_pkey" PRIMARY KEY ("service_id","user_id")
);

-- CreateTable
CREATE TABLE "service_email_reply_tos" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "email_address" TEXT NOT NULL,
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "service_email_reply_tos_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "service_sms_senders" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "sender" TEXT NOT NULL,
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "service_sms_senders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "key_type" "key_type" NOT NULL,
    "secret_encrypted" TEXT NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "templates" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "type" "notification_type" NOT NULL,
    "subject" TEXT,
    "content" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "process_type" "template_process_type" NOT NULL DEFAULT 'normal',
    "updated_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "templates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "template_versions" (
    "template_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "service_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "type" "notification_type" NOT NULL,
    "subject" TEXT,
    "content" TEXT NOT NULL,
    "archived" BOOLEAN NOT NULL,
    "process_type" "template_process_type" NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "template_versions_pkey" PRIMARY KEY ("template_id","version")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "template_id" UUID NOT NULL,
    "template_version" INTEGER NOT NULL,
    "notification_type" "notification_type" NOT NULL,
    "recipient" TEXT NOT NULL,
    "normalised_recipient" TEXT NOT NULL,
    "personalisation" JSONB,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "status" "notification_status" NOT NULL DEFAULT 'created',
    "client_reference" TEXT,
    "api_key_id" UUID,
    "key_type" "key_type" NOT NULL,
    "created_by_id" UUID,
    "job_id" UUID,
    "job_row_number" INTEGER,
    "campaign_id" UUID,
    "reply_to" TEXT,
    "sms_sender" TEXT,
    "billable_units" INTEGER NOT NULL DEFAULT 1,
    "international" BOOLEAN NOT NULL DEFAULT false,
    "scheduled_for" TIMESTAMPTZ(3),
    "provider_name" TEXT,
    "provider_reference" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_history" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "template_id" UUID NOT NULL,
    "template_version" INTEGER NOT NULL,
    "notification_type" "notification_type" NOT NULL,
    "status" "notification_status" NOT NULL,
    "client_reference" TEXT,
    "api_key_id" UUID,
    "key_type" "key_type" NOT NULL,
    "created_by_id" UUID,
    "job_id" UUID,
    "job_row_number" INTEGER,
    "campaign_id" UUID,
    "billable_units" INTEGER NOT NULL,
    "international" BOOLEAN NOT NULL,
    "scheduled_for" TIMESTAMPTZ(3),
    "provider_name" TEXT,
    "provider_reference" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "sent_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "notification_history_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" UUID NOT NULL,
    "service_id" UUID,
    "user_id" UUID,
    "action" TEXT NOT NULL,
    "subject_type" TEXT,
    "subject_id" TEXT,
    "details" JSONB,
    "ip_address" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "worker_heartbeats" (
    "id" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "last_beat_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "worker_heartbeats_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");

-- CreateIndex
CREATE INDEX "sessions_expires_at_idx" ON "sessions"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "setup_tokens_token_hash_key" ON "setup_tokens"("token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "services_name_key" ON "services"("name");

-- CreateIndex
CREATE INDEX "service_members_user_id_idx" ON "service_members"("user_id");

-- CreateIndex
CREATE INDEX "service_email_reply_tos_service_id_idx" ON "service_email_reply_tos"("service_id");

-- CreateIndex
CREATE INDEX "service_sms_senders_service_id_idx" ON "service_sms_senders"("service_id");

-- CreateIndex
CREATE INDEX "api_keys_service_id_idx" ON "api_keys"("service_id");

-- CreateIndex
CREATE INDEX "templates_service_id_type_idx" ON "templates"("service_id", "type");

-- CreateIndex
CREATE INDEX "notifications_service_id_created_at_idx" ON "notifications"("service_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "notifications_service_id_normalised_recipient_idx" ON "notifications"("service_id", "normalised_recipient");

-- CreateIndex
CREATE INDEX "notifications_service_id_client_reference_idx" ON "notifications"("service_id", "client_reference");

-- CreateIndex
CREATE INDEX "notifications_status_created_at_idx" ON "notifications"("status", "created_at");

-- CreateIndex
CREATE INDEX "notifications_provider_reference_idx" ON "notifications"("provider_reference");

-- CreateIndex
CREATE INDEX "notification_history_service_id_created_at_idx" ON "notification_history"("service_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "audit_events_service_id_created_at_idx" ON "audit_events"("service_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "audit_events_user_id_created_at_idx" ON "audit_events"("user_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "worker_heartbeats_last_beat_at_idx" ON "worker_heartbeats"("last_beat_at");

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_members" ADD CONSTRAINT "service_members_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_members" ADD CONSTRAINT "service_members_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_email_reply_tos" ADD CONSTRAINT "service_email_reply_tos_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_sms_senders" ADD CONSTRAINT "service_sms_senders_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "templates" ADD CONSTRAINT "templates_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "template_versions" ADD CONSTRAINT "template_versions_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "templates"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_template_id_template_version_fkey" FOREIGN KEY ("template_id", "template_version") REFERENCES "template_versions"("template_id", "version") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Partial unique indexes (not expressible in schema.prisma; the schema test allows extra indexes).
-- A key name is unique among a service's keys that are still in use.
CREATE UNIQUE INDEX "api_keys_service_id_name_active_key" ON "api_keys"("service_id", "name") WHERE "revoked_at" IS NULL;
-- At most one default reply-to address and one default SMS sender per service.
CREATE UNIQUE INDEX "service_email_reply_tos_default_key" ON "service_email_reply_tos"("service_id") WHERE "is_default" AND "archived_at" IS NULL;
CREATE UNIQUE INDEX "service_sms_senders_default_key" ON "service_sms_senders"("service_id") WHERE "is_default" AND "archived_at" IS NULL;
