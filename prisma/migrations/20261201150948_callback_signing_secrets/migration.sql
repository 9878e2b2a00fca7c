-- CreateTable
CREATE TABLE "callback_signing_secrets" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "secret_encrypted" TEXT NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),

    CONSTRAINT "callback_signing_secrets_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "callback_signing_secrets_service_id_created_at_idx" ON "callback_signing_secrets"("service_id", "created_at");

-- AddForeignKey
ALTER TABLE "callback_signing_secrets" ADD CONSTRAINT "callback_signing_secrets_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;
