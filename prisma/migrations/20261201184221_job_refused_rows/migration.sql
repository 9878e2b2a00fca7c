-- CreateTable
CREATE TABLE "job_refused_rows" (
    "job_id" UUID NOT NULL,
    "row_number" INTEGER NOT NULL,
    "recipient" TEXT,
    "reason" TEXT NOT NULL,
    "refused_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "job_refused_rows_pkey" PRIMARY KEY ("job_id","row_number")
);

-- CreateIndex
CREATE INDEX "job_refused_rows_refused_at_idx" ON "job_refused_rows"("refused_at");

-- AddForeignKey
ALTER TABLE "job_refused_rows" ADD CONSTRAINT "job_refused_rows_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
