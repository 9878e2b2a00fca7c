import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { Table } from "@/components/ui/table";
import { isAppError } from "@/lib/errors";
import { requirePlatformAdmin } from "@/lib/http/session";
import { REGISTRATION_STATUS_LABELS } from "@/lib/phone-numbers/options";
import { REGISTRATION_FIELDS, REGISTRATION_TYPES } from "@/lib/phone-numbers/registration-fields";
import { listRegistrations, type Registration } from "@/lib/phone-numbers/registrations";
import { AdminTabs } from "../../admin-tabs";
import { createRegistrationAction, submitRegistrationAction } from "../actions";
import { PhoneNumberActionForm, RegistrationForm } from "../forms";

export const metadata: Metadata = { title: "Phone number registrations" };

// Registrations that are drafts, or that AWS sent back for changes, can be submitted.
const SUBMITTABLE = new Set(["CREATED", "REQUIRES_UPDATES"]);
const typeOf = (type: string) =>
  REGISTRATION_TYPES[type as keyof typeof REGISTRATION_TYPES] ?? type.toLowerCase().replace(/_/g, " ");

export default async function RegistrationsPage({
  searchParams,
}: {
  searchParams: Promise<{ created?: string; submitted?: string }>;
}) {
  await requirePlatformAdmin();
  const search = await searchParams;
  let registrations: Registration[] = [];
  let problem: string | null = null;
  try {
    registrations = await listRegistrations();
  } catch (error) {
    if (!isAppError(error)) throw error;
    problem = error.message;
  }

  return (
    <>
      <h1 className="mb-6 text-4xl font-bold">Platform admin</h1>
      <AdminTabs current="/admin/phone-numbers" />
      <p className="mb-4">
        <Link href="/admin/phone-numbers">Back to phone numbers</Link>
      </p>
      <h2 className="mb-2 text-2xl font-bold">Registrations</h2>
      <p className="mb-6 text-lg">
        US toll-free and 10DLC numbers can only send once AWS and the carriers have approved a registration saying who
        sends what. Create one here, submit it, then request a number for it. Review usually takes about 2 weeks;
        Tidings checks the status of registrations with numbers every few minutes.
      </p>
      {search.submitted && (
        <Notice>
          Registration {search.submitted} is submitted: AWS usually takes about 2 weeks to review it. Its status below
          is checked every few minutes.
        </Notice>
      )}
      {search.created && (
        <Notice>Registration {search.created} is created as a draft. Check it, then submit it for review below.</Notice>
      )}
      {problem && (
        <Notice tone="warning">Tidings could not ask AWS for the account&apos;s registrations: {problem}</Notice>
      )}
      <Table
        caption="The AWS account's registrations"
        className="mb-10"
        rows={registrations}
        rowKey={(registration) => registration.id}
        empty={problem ? null : "The AWS account has no registrations yet."}
        columns={[
          { header: "Registration", cell: (registration) => registration.id, className: "break-all" },
          { header: "Kind", cell: (registration) => typeOf(registration.type) },
          {
            header: "Status",
            cell: (registration) => REGISTRATION_STATUS_LABELS[registration.status] ?? registration.status,
          },
          {
            header: "Action",
            cell: (registration) =>
              SUBMITTABLE.has(registration.status) ? (
                <PhoneNumberActionForm
                  submit={submitRegistrationAction}
                  fields={{ registrationId: registration.id }}
                  label={`Submit ${registration.id} for review`}
                  variant="secondary"
                  className="mb-0"
                />
              ) : registration.status === "COMPLETE" ? (
                <Link
                  href={`/admin/phone-numbers/request?numberType=TOLL_FREE&registrationId=${encodeURIComponent(registration.id)}`}
                >
                  Request a number for it
                </Link>
              ) : (
                <span className="text-muted">Nothing to do</span>
              ),
          },
        ]}
      />
      <h2 className="mb-2 text-2xl font-bold">Create a US toll-free registration</h2>
      <p className="mb-6 text-lg">
        What AWS asks for about the organisation, its contact and its texts. AWS may ask for more during review (for
        example a screenshot of how people sign up); it then shows as needing changes, made in the AWS console.
      </p>
      <RegistrationForm
        submit={createRegistrationAction}
        fields={REGISTRATION_FIELDS.US_TOLL_FREE_REGISTRATION}
        // Made once per page shown: sending the form again after fixing a field fills in the same registration.
        hidden={{ registrationType: "US_TOLL_FREE_REGISTRATION", clientToken: randomUUID() }}
      />
    </>
  );
}
