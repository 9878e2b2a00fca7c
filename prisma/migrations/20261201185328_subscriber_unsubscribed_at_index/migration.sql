-- CreateIndex
CREATE INDEX "subscribers_service_id_unsubscribed_at_idx" ON "subscribers"("service_id", "unsubscribed_at");
