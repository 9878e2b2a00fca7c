-- AlterTable
ALTER TABLE "services" ADD COLUMN     "email_branding_id" UUID;

-- CreateTable
CREATE TABLE "email_brandings" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "colour" TEXT NOT NULL,
    "logo_key" TEXT,
    "logo_content_type" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "email_brandings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "email_brandings_name_key" ON "email_brandings"("name");

-- CreateIndex
CREATE INDEX "services_email_branding_id_idx" ON "services"("email_branding_id");

-- AddForeignKey
ALTER TABLE "services" ADD CONSTRAINT "services_email_branding_id_fkey" FOREIGN KEY ("email_branding_id") REFERENCES "email_brandings"("id") ON DELETE SET NULL ON UPDATE CASCADE;
