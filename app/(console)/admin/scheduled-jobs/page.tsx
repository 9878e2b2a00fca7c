import type { Metadata } from "next";
import { DateTime } from "@/components/ui/date-time";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table } from "@/components/ui/table";
import { requirePlatformAdmin } from "@/lib/http/session";
import { listScheduledJobs, type ScheduledJobStatus } from "@/lib/operations/scheduled-jobs";
import { AdminTabs } from "../admin-tabs";
import { runScheduledJobNowAction } from "./actions";

export const metadata: Metadata = { title: "Scheduled jobs" };

const PATH = "/admin/scheduled-jobs";

const OUTCOMES = {
  running: { label: "Running", className: "text-muted" },
  succeeded: { label: "Succeeded", className: "text-success font-bold" },
  failed: { label: "Failed", className: "text-error font-bold" },
} as const;

function duration(ms: number | null): string {
  if (ms === null) return "";
  if (ms < 1000) return `${ms} ms`;
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

function LastRun({ job }: { job: ScheduledJobStatus }) {
  const run = job.lastRun;
  if (!run) return <span className="text-muted">Not run yet</span>;
  const outcome = OUTCOMES[run.outcome];
  return (
    <>
      <span className={outcome.className}>{outcome.label}</span> <DateTime value={run.startedAt} precision="second" />
      {run.durationMs !== null && <span className="text-muted"> ({duration(run.durationMs)})</span>}
      {run.summary && <p>{run.summary.charAt(0).toUpperCase() + run.summary.slice(1)}</p>}
      {run.error && <p className="text-error">{run.error}</p>}
    </>
  );
}

export default async function ScheduledJobsPage({ searchParams }: { searchParams: Promise<{ queued?: string }> }) {
  await requirePlatformAdmin();
  const queued = (await searchParams).queued;
  const jobs = await listScheduledJobs();
  const overdue = jobs.filter((job) => job.overdue);
  const failures = jobs.flatMap((job) => job.failures.map((run) => ({ ...run, job: job.name })));
  failures.sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());

  return (
    <>
      <h1 className="mb-6 text-4xl font-bold">Platform admin</h1>
      <AdminTabs current={PATH} />
      <h2 className="mb-2 text-2xl font-bold">Scheduled jobs</h2>
      <p className="mb-6 text-lg">
        Work the worker does on a schedule. Each runs on one worker at a time; times are UTC.
      </p>
      {queued && jobs.some((job) => job.name === queued) && (
        <Notice>{queued} is queued: the next free worker runs it within a few seconds.</Notice>
      )}
      {overdue.length > 0 && (
        <Notice tone="warning">
          <strong>Not succeeded within twice their schedule:</strong> {overdue.map((job) => job.name).join(", ")}. Check
          that a worker is running and look at the failures below.
        </Notice>
      )}
      <Table
        caption="Scheduled jobs"
        hideCaption
        className="mb-10"
        rows={jobs}
        rowKey={(job) => job.name}
        empty="No scheduled jobs yet: they appear once a worker has started."
        columns={[
          {
            header: "Job",
            cell: (job) => (
              <>
                <span className="font-bold">{job.name}</span>
                {job.overdue && <span className="ml-2 font-bold text-error">Overdue</span>}
                <p className="text-muted">{job.description}</p>
              </>
            ),
          },
          {
            header: "Schedule",
            className: "whitespace-nowrap",
            cell: (job) => (
              <>
                <code>{job.cron}</code>
                <p className="text-muted">{job.timeZone}</p>
              </>
            ),
          },
          { header: "Last run", cell: (job) => <LastRun job={job} /> },
          {
            header: "Next run",
            className: "whitespace-nowrap",
            cell: (job) => <DateTime value={job.nextRunAt} />,
          },
          {
            header: "Action",
            hideHeader: true,
            className: "whitespace-nowrap",
            cell: (job) => (
              <form action={runScheduledJobNowAction}>
                <input type="hidden" name="name" value={job.name} />
                <SubmitButton variant="secondary">
                  Run now<span className="sr-only"> {job.name}</span>
                </SubmitButton>
              </form>
            ),
          },
        ]}
      />
      <h2 className="mb-3 text-2xl font-bold">Recent failures</h2>
      <Table
        caption="Recent failures"
        hideCaption
        rows={failures}
        rowKey={(run) => run.id}
        empty="No scheduled job has failed recently."
        columns={[
          { header: "Job", cell: (run) => run.job, className: "font-bold" },
          {
            header: "Started",
            className: "whitespace-nowrap",
            cell: (run) => <DateTime value={run.startedAt} precision="second" />,
          },
          { header: "Error", cell: (run) => run.error, className: "break-all text-error" },
        ]}
      />
    </>
  );
}
