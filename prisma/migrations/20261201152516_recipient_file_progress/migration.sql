-- AlterTable
ALTER TABLE "recipient_files" ADD COLUMN     "bytes_checked" INTEGER NOT NULL DEFAULT 0;
