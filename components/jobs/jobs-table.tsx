import Link from "next/link";
import { DateTime } from "@/components/ui/date-time";
import { Table } from "@/components/ui/table";

type JobRow = {
  id: string;
  name: string;
  templateName: string;
  rowCount: number;
  createdAt: Date;
  scheduledFor: Date | null;
  status: string;
  progress: { percent: number; delivered: number; failed: number };
};

/** Bulk sends, newest first: the Uploads page and the dashboard. */
export function JobsTable({ serviceId, jobs, caption }: { serviceId: string; jobs: JobRow[]; caption: string }) {
  return (
    <Table<JobRow>
      caption={caption}
      className="mb-10"
      columns={[
        {
          header: "File",
          className: "break-all",
          cell: (job) => <Link href={`/services/${serviceId}/jobs/${job.id}`}>{job.name}</Link>,
        },
        { header: "Template", cell: (job) => job.templateName },
        { header: "Rows", numeric: true, cell: (job) => job.rowCount.toLocaleString("en-GB") },
        {
          header: "Progress",
          cell: (job) =>
            job.status === "scheduled" && job.scheduledFor ? (
              <>
                Scheduled for <DateTime value={job.scheduledFor} />
              </>
            ) : job.status === "cancelled" ? (
              "Cancelled"
            ) : (
              `${job.progress.percent}% finished (${job.progress.delivered.toLocaleString("en-GB")} delivered, ${job.progress.failed.toLocaleString("en-GB")} failed)`
            ),
        },
        { header: "Uploaded", className: "whitespace-nowrap", cell: (job) => <DateTime value={job.createdAt} /> },
      ]}
      rows={jobs}
      rowKey={(job) => job.id}
      empty="You have not sent any files yet."
    />
  );
}
