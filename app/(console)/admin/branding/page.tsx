import type { Metadata } from "next";
import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { Table } from "@/components/ui/table";
import { listEmailBrandings } from "@/lib/branding/queries";
import { requirePlatformAdmin } from "@/lib/http/session";
import { emailBrandingHtml } from "@/lib/templates/email-branding";
import { AdminTabs } from "../admin-tabs";
import { createBrandingAction } from "./actions";
import { BrandingForm } from "./branding-form";

export const metadata: Metadata = { title: "Email branding" };

const PATH = "/admin/branding";

export default async function EmailBrandingPage({ searchParams }: { searchParams: Promise<{ done?: string }> }) {
  await requirePlatformAdmin();
  const { done } = await searchParams;
  const brandings = await listEmailBrandings();
  return (
    <>
      <h1 className="mb-6 text-4xl font-bold">Platform admin</h1>
      <AdminTabs current={PATH} />
      <h2 className="mb-2 text-2xl font-bold">Email branding</h2>
      <p className="mb-6 text-lg">
        The banners services can have at the top of their emails: a logo, a colour and a name. Give a service one from
        its settings page. A service without one sends with the plain header.
      </p>
      {done === "created" && <Notice>The branding was added. Give it to a service from the service’s settings.</Notice>}
      {done === "updated" && (
        <Notice>The branding was changed. Every service using it now sends with the change.</Notice>
      )}
      <Table
        caption="Email branding"
        hideCaption
        className="mb-10"
        rows={brandings}
        rowKey={(branding) => branding.id}
        empty="No branding yet. Add the first one below."
        columns={[
          {
            header: "Banner",
            cell: (branding) => (
              <div className="max-w-md" dangerouslySetInnerHTML={{ __html: emailBrandingHtml(branding) }} />
            ),
          },
          { header: "Name", cell: (branding) => branding.name, className: "font-bold" },
          {
            header: "Services",
            cell: (branding) => (branding.serviceCount === 1 ? "1 service" : `${branding.serviceCount} services`),
          },
          {
            header: "Action",
            hideHeader: true,
            cell: (branding) => (
              <Link href={`${PATH}/${branding.id}`}>
                Change<span className="sr-only"> {branding.name}</span>
              </Link>
            ),
          },
        ]}
      />
      <h2 className="mb-4 text-2xl font-bold">Add a branding</h2>
      <BrandingForm action={createBrandingAction} submitLabel="Add the branding" />
    </>
  );
}
