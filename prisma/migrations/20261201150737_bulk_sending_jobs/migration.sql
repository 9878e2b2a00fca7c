-- CreateEnum
CREATE TYPE "recipient_file_status" AS ENUM ('checking', 'valid', 'invalid');

-- CreateEnum
CREATE TYPE "job_status" AS ENUM ('scheduled', 'pending', 'in progress', 'finished', 'cancelled', 'sending limits exceeded', 'error');

-- CreateTable
CREATE TABLE "recipient_files" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "template_id" UUID,
    "notification_type" "notification_type" NOT NULL,
    "bucket" TEXT NOT NULL,
    "object_key" TEXT NOT NULL,
    "original_name" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "status" "recipient_file_status" NOT NULL DEFAULT 'checking',
    "rows_checked" INTEGER NOT NULL DEFAULT 0,
    "row_count" INTEGER,
    "columns" JSONB,
    "recipient_column" TEXT,
    "file_errors" JSONB,
    "row_errors" JSONB,
    "error_row_count" INTEGER NOT NULL DEFAULT 0,
    "preview_rows" JSONB,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "checked_at" TIMESTAMPTZ(3),
    "object_deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "recipient_files_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "jobs" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "template_id" UUID NOT NULL,
    "template_version" INTEGER NOT NULL,
    "notification_type" "notification_type" NOT NULL,
    "name" TEXT NOT NULL,
    "file_id" UUID NOT NULL,
    "status" "job_status" NOT NULL DEFAULT 'pending',
    "row_count" INTEGER NOT NULL,
    "resume_after_row" INTEGER NOT NULL DEFAULT 0,
    "rows_refused" INTEGER NOT NULL DEFAULT 0,
    "client_reference" TEXT,
    "sender_id" UUID,
    "key_type" "key_type" NOT NULL DEFAULT 'normal',
    "api_key_id" UUID,
    "created_by_id" UUID,
    "scheduled_for" TIMESTAMPTZ(3),
    "error_message" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contact_lists" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "file_id" UUID NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "contact_lists_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "recipient_files_service_id_created_at_idx" ON "recipient_files"("service_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "jobs_service_id_created_at_idx" ON "jobs"("service_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "jobs_status_scheduled_for_idx" ON "jobs"("status", "scheduled_for");

-- CreateIndex
CREATE UNIQUE INDEX "contact_lists_file_id_key" ON "contact_lists"("file_id");

-- CreateIndex
CREATE INDEX "contact_lists_service_id_created_at_idx" ON "contact_lists"("service_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "notifications_job_id_job_row_number_key" ON "notifications"("job_id", "job_row_number");

-- CreateIndex
CREATE INDEX "notification_history_job_id_job_row_number_idx" ON "notification_history"("job_id", "job_row_number");

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recipient_files" ADD CONSTRAINT "recipient_files_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_file_id_fkey" FOREIGN KEY ("file_id") REFERENCES "recipient_files"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contact_lists" ADD CONSTRAINT "contact_lists_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contact_lists" ADD CONSTRAINT "contact_lists_file_id_fkey" FOREIGN KEY ("file_id") REFERENCES "recipient_files"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
