-- AlterTable
ALTER TABLE "services" ADD COLUMN     "sms_opt_out_list_name" TEXT;

-- AlterTable
ALTER TABLE "service_sms_senders" ADD COLUMN     "phone_number_id" UUID;

-- CreateTable
CREATE TABLE "phone_numbers" (
    "id" UUID NOT NULL,
    "aws_id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "iso_country_code" TEXT NOT NULL,
    "number_type" TEXT NOT NULL,
    "message_type" TEXT NOT NULL,
    "capabilities" TEXT[],
    "international_sending" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL,
    "registration_id" TEXT,
    "registration_status" TEXT,
    "client_token" TEXT,
    "previous_two_way" JSONB,
    "released_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "phone_numbers_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "phone_numbers_aws_id_key" ON "phone_numbers"("aws_id");

-- CreateIndex
CREATE UNIQUE INDEX "phone_numbers_client_token_key" ON "phone_numbers"("client_token");

-- CreateIndex
CREATE INDEX "phone_numbers_number_idx" ON "phone_numbers"("number");

-- CreateIndex
CREATE UNIQUE INDEX "services_sms_opt_out_list_name_key" ON "services"("sms_opt_out_list_name");

-- CreateIndex
CREATE INDEX "service_sms_senders_phone_number_id_idx" ON "service_sms_senders"("phone_number_id");

-- AddForeignKey
ALTER TABLE "service_sms_senders" ADD CONSTRAINT "service_sms_senders_phone_number_id_fkey" FOREIGN KEY ("phone_number_id") REFERENCES "phone_numbers"("id") ON DELETE SET NULL ON UPDATE CASCADE;
