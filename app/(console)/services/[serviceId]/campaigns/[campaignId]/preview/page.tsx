import type { Metadata } from "next";
import Link from "next/link";
import { previewCampaign } from "@/lib/campaigns/preview-campaign";
import { requireServiceAccess } from "@/lib/http/session";

export const metadata: Metadata = { title: "Preview a campaign" };

export default async function CampaignPreviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ serviceId: string; campaignId: string }>;
  searchParams: Promise<{ email?: string }>;
}) {
  const { serviceId, campaignId } = await params;
  const { email } = await searchParams;
  await requireServiceAccess(serviceId, "send_messages");
  const preview = await previewCampaign(serviceId, campaignId, email?.trim() || undefined);
  return (
    <>
      <p className="mb-2">
        <Link href={`/services/${serviceId}/campaigns/${campaignId}`}>Back to the campaign</Link>
      </p>
      <h1 className="mb-6 text-3xl font-bold">Preview</h1>
      <form method="get" className="mb-6 flex flex-wrap items-end gap-3">
        <label className="text-lg">
          <span className="block font-bold">See it as the recipient with this email address</span>
          <input
            name="email"
            type="email"
            defaultValue={email ?? ""}
            className="mt-1 block w-80 border-2 border-ink px-2 py-1.5"
          />
        </label>
        <button type="submit" className="bg-gray-200 px-4 py-2 text-lg font-bold shadow-[0_2px_0_#002d18]">
          Show
        </button>
      </form>
      <p className="mb-4 text-lg">
        {preview.to
          ? `As ${preview.to} will get it.`
          : email
            ? `Nobody the campaign sends to has the address ${email}: shown with the fallbacks.`
            : "Nobody in the audience yet: shown with the fallbacks."}
      </p>
      <div className="border-2 border-line">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 border-b-2 border-line bg-gray-50 p-3">
          <dt className="text-muted">From</dt>
          <dd className="break-all">{preview.fromName}</dd>
          <dt className="text-muted">To</dt>
          <dd className="break-all">{preview.to ?? "–"}</dd>
          <dt className="text-muted">Subject</dt>
          <dd className="font-bold" dangerouslySetInnerHTML={{ __html: preview.subjectHtml }} />
        </dl>
        <div className="template-preview p-4" dangerouslySetInnerHTML={{ __html: preview.bodyHtml }} />
      </div>
    </>
  );
}
