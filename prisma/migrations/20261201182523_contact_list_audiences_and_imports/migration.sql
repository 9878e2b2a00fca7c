-- CreateEnum
CREATE TYPE "subscriber_import_status" AS ENUM ('importing', 'done', 'failed');

-- AlterTable
ALTER TABLE "mailing_lists" ADD COLUMN     "contact_list_id" UUID;

-- CreateTable
CREATE TABLE "subscriber_imports" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "list_id" UUID NOT NULL,
    "bucket" TEXT NOT NULL,
    "object_key" TEXT NOT NULL,
    "original_name" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "status" "subscriber_import_status" NOT NULL DEFAULT 'importing',
    "bytes_read" INTEGER NOT NULL DEFAULT 0,
    "rows_read" INTEGER NOT NULL DEFAULT 0,
    "added" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "invalid_rows" JSONB NOT NULL DEFAULT '[]',
    "invalid_count" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "subscriber_imports_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "subscriber_imports_list_id_created_at_idx" ON "subscriber_imports"("list_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "mailing_lists_contact_list_id_key" ON "mailing_lists"("contact_list_id");

-- AddForeignKey
ALTER TABLE "mailing_lists" ADD CONSTRAINT "mailing_lists_contact_list_id_fkey" FOREIGN KEY ("contact_list_id") REFERENCES "contact_lists"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriber_imports" ADD CONSTRAINT "subscriber_imports_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriber_imports" ADD CONSTRAINT "subscriber_imports_list_id_fkey" FOREIGN KEY ("list_id") REFERENCES "mailing_lists"("id") ON DELETE CASCADE ON UPDATE CASCADE;
