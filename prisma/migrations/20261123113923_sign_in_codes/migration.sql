-- AlterTable
ALTER TABLE "sessions" ADD COLUMN     "second_factor_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "services" ADD COLUMN     "is_platform_service" BOOLEAN NOT NULL DEFAULT false;

-- Sessions opened before sign-in codes existed stay signed in.
UPDATE "sessions" SET "second_factor_at" = "created_at";

-- At most one platform service.
CREATE UNIQUE INDEX "services_one_platform_service" ON "services" ("is_platform_service") WHERE "is_platform_service";
