-- CreateTable
CREATE TABLE "daily_notification_statuses" (
    "service_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "notification_type" "notification_type" NOT NULL,
    "status" "notification_status" NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "daily_notification_statuses_pkey" PRIMARY KEY ("service_id","day","notification_type","status")
);

-- CreateTable
CREATE TABLE "summarised_days" (
    "day" DATE NOT NULL,
    "summarised_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "summarised_days_pkey" PRIMARY KEY ("day")
);

-- CreateIndex
CREATE INDEX "daily_notification_statuses_day_idx" ON "daily_notification_statuses"("day");

-- AddForeignKey
ALTER TABLE "daily_notification_statuses" ADD CONSTRAINT "daily_notification_statuses_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;
