import type { Metadata } from "next";
import Link from "next/link";
import { JobsTable } from "@/components/jobs/jobs-table";
import { requireServiceAccess } from "@/lib/http/session";
import { listJobs } from "@/lib/jobs/queries";

export const metadata: Metadata = { title: "Uploads" };

export default async function UploadsPage({ params }: { params: Promise<{ serviceId: string }> }) {
  const { serviceId } = await params;
  await requireServiceAccess(serviceId, "send_messages");
  const jobs = await listJobs(serviceId);
  return (
    <>
      <h1 className="mb-6 text-3xl font-bold">Uploads</h1>
      <p className="mb-6 max-w-2xl text-lg">
        To send to a list of recipients, open a <Link href={`/services/${serviceId}/templates`}>template</Link> and
        choose ‘Upload a list of recipients’. Lists you send to again and again can be kept as{" "}
        <Link href={`/services/${serviceId}/contact-lists`}>contact lists</Link>.
      </p>
      <JobsTable serviceId={serviceId} jobs={jobs} caption="Jobs" />
    </>
  );
}
