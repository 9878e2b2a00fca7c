import type { Metadata } from "next";
import Link from "next/link";
import { emailBrandingChoicesOf } from "@/lib/branding/queries";
import { requireServiceAccess } from "@/lib/http/session";
import { emailBrandingHtml } from "@/lib/templates/email-branding";
import { setEmailBrandingAction } from "../actions";
import { BrandingChoiceForm } from "./branding-choice-form";

export const metadata: Metadata = { title: "Email branding" };

export default async function ServiceEmailBrandingPage({ params }: { params: Promise<{ serviceId: string }> }) {
  const { serviceId } = await params;
  const { user } = await requireServiceAccess(serviceId, "manage_service");
  const { currentId, choices } = await emailBrandingChoicesOf(serviceId);
  const current = choices.find((choice) => choice.id === currentId) ?? null;
  return (
    <>
      <p className="mb-2">
        <Link href={`/services/${serviceId}/settings`}>Settings</Link>
      </p>
      <h1 className="mb-4 text-3xl font-bold">Email branding</h1>
      <p className="mb-4 text-lg">
        {current
          ? `Your emails start with the banner “${current.name}”:`
          : "Your emails have the plain header, without a logo or banner."}
      </p>
      {current && <div className="mb-6 max-w-xl" dangerouslySetInnerHTML={{ __html: emailBrandingHtml(current) }} />}
      {!user.isPlatformAdmin ? (
        <p className="text-lg">To change it, ask a platform administrator.</p>
      ) : choices.length === 0 ? (
        <p className="text-lg">
          There is no branding to choose from yet. <Link href="/admin/branding">Add one in platform admin</Link>.
        </p>
      ) : (
        <BrandingChoiceForm
          action={setEmailBrandingAction.bind(null, serviceId)}
          current={currentId}
          choices={choices.map((choice) => ({
            id: choice.id,
            name: choice.name,
            bannerHtml: emailBrandingHtml(choice),
          }))}
        />
      )}
    </>
  );
}
