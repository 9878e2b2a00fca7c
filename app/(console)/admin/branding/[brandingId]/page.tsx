import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { findEmailBranding } from "@/lib/branding/queries";
import { requirePlatformAdmin } from "@/lib/http/session";
import { emailBrandingHtml } from "@/lib/templates/email-branding";
import { AdminTabs } from "../../admin-tabs";
import { updateBrandingAction } from "../actions";
import { BrandingForm } from "../branding-form";

export const metadata: Metadata = { title: "Change email branding" };

export default async function ChangeEmailBrandingPage({ params }: { params: Promise<{ brandingId: string }> }) {
  await requirePlatformAdmin();
  const { brandingId } = await params;
  const branding = await findEmailBranding(brandingId);
  if (!branding) notFound();
  return (
    <>
      <h1 className="mb-6 text-4xl font-bold">Platform admin</h1>
      <AdminTabs current="/admin/branding" />
      <p className="mb-2">
        <Link href="/admin/branding">Email branding</Link>
      </p>
      <h2 className="mb-2 text-2xl font-bold">Change “{branding.name}”</h2>
      <p className="mb-4 text-lg">
        {branding.serviceCount === 0
          ? "No service uses it yet."
          : `${branding.serviceCount === 1 ? "1 service uses" : `${branding.serviceCount} services use`} it: their emails change with it.`}
      </p>
      <div className="mb-6 max-w-xl" dangerouslySetInnerHTML={{ __html: emailBrandingHtml(branding) }} />
      <BrandingForm
        action={updateBrandingAction.bind(null, branding.id)}
        current={{ name: branding.name, colour: branding.colour, hasLogo: branding.logoUrl !== null }}
        submitLabel="Save the branding"
      />
    </>
  );
}
