import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireServiceAccess } from "@/lib/http/session";
import { oneOffOptions } from "@/lib/notifications/send-one-off";
import { isAppError } from "@/lib/errors";
import { getUserContact } from "@/lib/users/queries";
import { OneOffForm } from "./one-off-form";
import { oneOffAction } from "./actions";

export const metadata: Metadata = { title: "Send a message" };

export default async function SendOneOffPage({
  params,
  searchParams,
}: {
  params: Promise<{ serviceId: string; templateId: string }>;
  /** `to`: a recipient to start with (replying to a received text). */
  searchParams: Promise<{ to?: string }>;
}) {
  const { serviceId, templateId } = await params;
  const { to } = await searchParams;
  const { user } = await requireServiceAccess(serviceId, "send_messages");
  const options = await oneOffOptions(serviceId, templateId).catch((error: unknown) =>
    isAppError(error, "not_found") ? null : Promise.reject(error),
  );
  if (!options) notFound();
  const contact = await getUserContact(user.id);
  return (
    <>
      <p className="mb-2">
        <Link href={`/services/${serviceId}/templates/${templateId}`}>{options.template.name}</Link>
      </p>
      <h1 className="mb-6 text-3xl font-bold">Send ‘{options.template.name}’</h1>
      <OneOffForm
        submit={oneOffAction.bind(null, serviceId, templateId)}
        type={options.template.type}
        placeholders={options.placeholders}
        senders={options.senders}
        myAddress={options.template.type === "email" ? contact.email : contact.mobileNumber}
        initialRecipient={to?.slice(0, 320) ?? ""}
      />
    </>
  );
}
