import type { Metadata } from "next";
import Link from "next/link";
import { Confirmation } from "@/components/ui/confirmation";
import { Notice } from "@/components/ui/notice";
import { listGuestList } from "@/lib/guest-list/queries";
import { requireServiceAccess } from "@/lib/http/session";
import { getServiceDetails } from "@/lib/services/queries";
import { addGuestAction, removeGuestAction } from "../actions";
import { ApiTabs } from "../api-tabs";
import { GuestListForm } from "./guest-list-form";

export const metadata: Metadata = { title: "Guest list" };

export default async function GuestListPage({
  params,
  searchParams,
}: {
  params: Promise<{ serviceId: string }>;
  searchParams: Promise<{ remove?: string; done?: string }>;
}) {
  const { serviceId } = await params;
  const query = await searchParams;
  await requireServiceAccess(serviceId, "manage_api_keys");
  const [entries, service] = await Promise.all([listGuestList(serviceId), getServiceDetails(serviceId)]);
  const base = `/services/${serviceId}/api/guest-list`;
  const toRemove = entries.find((entry) => entry.id === query.remove);

  return (
    <>
      <h1 className="mb-6 text-3xl font-bold">API integration</h1>
      <ApiTabs serviceId={serviceId} current="/guest-list" />
      <h2 className="mb-2 text-2xl font-bold">Guest list</h2>
      <p className="mb-6 text-lg">
        {service.trialMode ? "While your service is in trial mode" : "With a team and guest list key"}, you can send
        messages only to your team members and the people on this list.
      </p>
      {query.done === "removed" && <Notice>Removed from the guest list.</Notice>}
      {toRemove && (
        <Confirmation
          title={`Remove ${toRemove.recipient} from the guest list?`}
          action={removeGuestAction.bind(null, serviceId)}
          fields={{ id: toRemove.id }}
          confirmLabel="Yes, remove it"
          cancelHref={base}
        >
          <p>
            {service.trialMode
              ? "You will not be able to send to it until it is added again."
              : "Team and guest list keys will not be able to send to it."}
          </p>
        </Confirmation>
      )}
      <GuestListForm submit={addGuestAction.bind(null, serviceId)} />

      <h3 className="mb-2 mt-10 text-xl font-bold">On the guest list</h3>
      {entries.length === 0 ? (
        <p className="text-lg text-muted">
          No one yet. Add the email addresses and mobile numbers of people outside your team who should receive your
          test messages.
        </p>
      ) : (
        <ul className="divide-y divide-line border-y border-line" aria-label="Guest list">
          {entries.map((entry) => (
            <li key={entry.id} className="flex flex-wrap items-center justify-between gap-4 py-3 text-lg">
              <span className="break-all">
                {entry.recipient}{" "}
                <span className="text-muted">
                  ({entry.recipientType === "email" ? "email address" : "mobile number"})
                </span>
              </span>
              <Link href={`${base}?remove=${entry.id}#confirm`}>
                Remove<span className="sr-only"> {entry.recipient}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
