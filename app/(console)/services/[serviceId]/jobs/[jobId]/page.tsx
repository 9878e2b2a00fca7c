import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DateTime } from "@/components/ui/date-time";
import { ProgressBar } from "@/components/ui/progress-bar";
import { requireServiceAccess } from "@/lib/http/session";
import { findJob, jobProgress } from "@/lib/jobs/queries";
import { cancelJobAction } from "../../uploads/actions";
import { ActionButton } from "../../uploads/forms";

export const metadata: Metadata = { title: "Job" };

const STATUS_TEXT = {
  scheduled: "Scheduled",
  pending: "Starting",
  in_progress: "Creating messages",
  finished: "All messages created",
  cancelled: "Cancelled",
  sending_limits_exceeded: "Stopped: the daily limit was reached",
  error: "Stopped because of an error",
} as const;

export default async function JobPage({ params }: { params: Promise<{ serviceId: string; jobId: string }> }) {
  const { serviceId, jobId } = await params;
  await requireServiceAccess(serviceId, "send_messages");
  const job = await findJob(serviceId, jobId);
  if (!job) notFound();
  const progress = jobProgress(job.counts, job.rowCount);
  const running = ["pending", "in_progress"].includes(job.status) || (job.status === "finished" && !progress.settled);
  return (
    <>
      {running && <meta httpEquiv="refresh" content="2" />}
      <p className="mb-2">
        <Link href={`/services/${serviceId}/uploads`}>Uploads</Link>
      </p>
      <h1 className="mb-6 text-3xl font-bold">{job.name}</h1>
      <p className="mb-6 text-lg">
        {STATUS_TEXT[job.status]}
        {job.scheduledFor && job.status === "scheduled" && (
          <>
            {" "}
            for <DateTime value={job.scheduledFor} />
          </>
        )}
        {job.status === "in_progress" && (
          <>
            : {(progress.created + progress.sending + progress.delivered + progress.failed).toLocaleString("en-GB")} of{" "}
            {job.rowCount.toLocaleString("en-GB")}
          </>
        )}
        {job.errorMessage && <>: {job.errorMessage}</>}
      </p>
      {job.status === "scheduled" && (
        <ActionButton submit={cancelJobAction.bind(null, serviceId, jobId)} label="Cancel sending" />
      )}
      <ProgressBar label="Finished" percent={progress.percent} />
      <dl className="mb-8 grid max-w-2xl grid-cols-2 gap-4 text-lg sm:grid-cols-4">
        {[
          ["Waiting", progress.created],
          ["Sending", progress.sending],
          ["Delivered", progress.delivered],
          ["Failed", progress.failed],
        ].map(([label, count]) => (
          <div key={label} className="border-l-4 border-line pl-3">
            <dt>{label}</dt>
            <dd className="text-2xl font-bold tabular-nums">{count!.toLocaleString("en-GB")}</dd>
          </div>
        ))}
      </dl>
      <p className="text-lg">
        {job.rowCount.toLocaleString("en-GB")} rows
        {job.rowsRefused > 0 &&
          `, of which ${job.rowsRefused.toLocaleString("en-GB")} were not sent (suppressed since the check)`}
        .{" "}
        <a href={`/services/${serviceId}/jobs/${jobId}/report`} download>
          Download the report (CSV)
        </a>
      </p>
    </>
  );
}
