-- CreateEnum
CREATE TYPE "scheduled_run_outcome" AS ENUM ('running', 'succeeded', 'failed');

-- CreateTable
CREATE TABLE "scheduled_jobs" (
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "cron" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL,
    "declared_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "synced_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "scheduled_jobs_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "scheduled_job_runs" (
    "id" UUID NOT NULL,
    "job_name" TEXT NOT NULL,
    "queue_job_id" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    "duration_ms" INTEGER,
    "outcome" "scheduled_run_outcome" NOT NULL,
    "summary" TEXT,
    "error" TEXT,

    CONSTRAINT "scheduled_job_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "scheduled_job_runs_job_name_started_at_idx" ON "scheduled_job_runs"("job_name", "started_at" DESC);

-- CreateIndex
CREATE INDEX "scheduled_job_runs_started_at_idx" ON "scheduled_job_runs"("started_at");

-- AddForeignKey
ALTER TABLE "scheduled_job_runs" ADD CONSTRAINT "scheduled_job_runs_job_name_fkey" FOREIGN KEY ("job_name") REFERENCES "scheduled_jobs"("name") ON DELETE CASCADE ON UPDATE CASCADE;
