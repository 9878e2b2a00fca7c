import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireServiceAccess } from "@/lib/http/session";
import { getServiceDetails } from "@/lib/services/queries";
import { updateSettingsAction } from "../../actions";
import { isSection, SECTIONS, settingsOf } from "../../sections";
import { SettingsForm } from "../../settings-form";

export async function generateMetadata({ params }: { params: Promise<{ section: string }> }): Promise<Metadata> {
  const { section } = await params;
  return { title: isSection(section) ? SECTIONS[section].title : "Settings" };
}

/** One section of the settings, changed on its own page (as Notify's settings are); saving returns to the summary. */
export default async function ChangeSettingPage({
  params,
}: {
  params: Promise<{ serviceId: string; section: string }>;
}) {
  const { serviceId, section } = await params;
  if (!isSection(section)) notFound();
  const { user } = await requireServiceAccess(serviceId, "manage_service");
  const service = await getServiceDetails(serviceId);
  const settingsPath = `/services/${serviceId}/settings`;
  return (
    <>
      <p className="mb-2">
        <Link href={settingsPath}>Settings</Link>
      </p>
      <h1 className="mb-6 text-3xl font-bold">{SECTIONS[section].title}</h1>
      <SettingsForm
        submit={updateSettingsAction.bind(null, serviceId, `${settingsPath}?saved=${section}`)}
        canChangeLimits={user.isPlatformAdmin}
        settings={settingsOf(service)}
        section={section}
      />
    </>
  );
}
