-- AlterTable
ALTER TABLE "subscriber_imports" ADD COLUMN     "stored_through_row" INTEGER NOT NULL DEFAULT 0;
