import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FormField } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";
import { isAppError } from "@/lib/errors";
import { requirePlatformAdmin } from "@/lib/http/session";
import { listPhoneNumberInventory, type InventoryNumber } from "@/lib/phone-numbers/inventory";
import { listAllServices } from "@/lib/platform/admin-queries";
import { AdminTabs } from "../../admin-tabs";
import {
  assignPhoneNumberAction,
  releasePhoneNumberAction,
  setDeletionProtectionAction,
  unassignPhoneNumberAction,
} from "../actions";
import { PhoneNumberActionForm } from "../forms";
import { capabilitiesOf, priceOf, registrationOf, statusOf, topicOf, typeOf } from "../labels";

export const metadata: Metadata = { title: "Phone number" };

const PATH = "/admin/phone-numbers";

export default async function PhoneNumberPage({
  params,
  searchParams,
}: {
  params: Promise<{ awsId: string }>;
  searchParams: Promise<{ requested?: string; release?: string; protection?: string; refresh?: string; done?: string }>;
}) {
  await requirePlatformAdmin();
  const awsId = decodeURIComponent((await params).awsId);
  const search = await searchParams;
  let number: InventoryNumber | undefined;
  let problem: string | null = null;
  try {
    const find = async (refresh: boolean) =>
      (await listPhoneNumberInventory({ refresh })).find((entry) => entry.awsId === awsId);
    // A number requested elsewhere (the CLI, another web process) may be newer than the cached inventory.
    number = (await find(search.refresh === "1")) ?? (search.refresh === "1" ? undefined : await find(true));
  } catch (error) {
    if (!isAppError(error)) throw error;
    problem = error.message;
  }
  if (!number && !problem) notFound();
  const services = (await listAllServices()).filter((service) => service.active);
  const here = `${PATH}/${encodeURIComponent(awsId)}`;

  return (
    <>
      <h1 className="mb-6 text-4xl font-bold">Platform admin</h1>
      <AdminTabs current={PATH} />
      <p className="mb-4">
        <Link href={PATH}>Back to phone numbers</Link>
      </p>
      {problem && <Notice tone="warning">Tidings could not ask AWS about this number: {problem}</Notice>}
      {number && (
        <>
          <h2 className="mb-4 text-3xl font-bold">{number.number}</h2>
          {search.done === "taken-back" && <Notice>The number was taken back from the service.</Notice>}
          {search.done === "protection" && (
            <Notice>Deletion protection is now {number.deletionProtection ? "on" : "off"}.</Notice>
          )}
          {search.requested && (
            <Notice>
              AWS is setting up the number. It is {statusOf(number).toLowerCase()}
              {number.status === "ACTIVE" ? "" : ": refresh to see when it is active"}.
            </Notice>
          )}
          <dl className="mb-6 grid max-w-3xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-lg">
            <dt className="font-bold">Status</dt>
            <dd>
              {statusOf(number)} <Link href={`${here}?refresh=1`}>Refresh</Link>
            </dd>
            <dt className="font-bold">Type</dt>
            <dd>
              {typeOf(number.numberType)}, {number.country}
            </dd>
            <dt className="font-bold">Can send</dt>
            <dd>
              {capabilitiesOf(number)} ({number.messageType.toLowerCase()}), international sending{" "}
              {number.internationalSending ? "on" : "off"}
            </dd>
            {number.registrationId && (
              <>
                <dt className="font-bold">Registration</dt>
                <dd>
                  {number.registrationId}: {registrationOf(number.registrationStatus)}
                </dd>
              </>
            )}
            <dt className="font-bold">Two-way</dt>
            <dd>{number.twoWayEnabled ? `On, to ${topicOf(number.twoWayChannelArn) ?? "no topic"}` : "Off"}</dd>
            <dt className="font-bold">Opt-out list</dt>
            <dd className="break-all">{number.optOutList}</dd>
            <dt className="font-bold">Deletion protection</dt>
            <dd>{number.deletionProtection ? "On" : "Off"}</dd>
            <dt className="font-bold">Price</dt>
            <dd>{priceOf(number.monthlyPrice)}</dd>
            <dt className="font-bold">Sending</dt>
            <dd>
              {number.sender ? <Link href={`/services/${number.sender.id}`}>{number.sender.name}</Link> : "No service"}
            </dd>
            <dt className="font-bold">Receiving</dt>
            <dd>
              {number.inbound ? (
                <Link href={`/services/${number.inbound.id}`}>{number.inbound.name}</Link>
              ) : (
                "No service"
              )}
            </dd>
          </dl>

          {(number.sender || number.inbound) && (
            <>
              <h3 className="mb-2 text-xl font-bold">Take it back</h3>
              {number.sender && (
                <PhoneNumberActionForm
                  submit={unassignPhoneNumberAction}
                  fields={{ awsId, serviceId: number.sender.id, asSender: "true" }}
                  label={`Stop ${number.sender.name} sending from it`}
                  variant="secondary"
                  className="mb-4"
                />
              )}
              {number.inbound && (
                <PhoneNumberActionForm
                  submit={unassignPhoneNumberAction}
                  fields={{ awsId, serviceId: number.inbound.id, asInbound: "true" }}
                  label={`Stop ${number.inbound.name} receiving on it`}
                  variant="secondary"
                  className="mb-8"
                />
              )}
            </>
          )}

          {number.status !== "DELETED" && (
            <>
              <h3 className="mb-2 text-xl font-bold">Give it to a service</h3>
              <PhoneNumberActionForm
                submit={assignPhoneNumberAction}
                fields={{ awsId }}
                label="Give the number to the service"
              >
                <FormField name="serviceId" label="Service">
                  <select
                    id="serviceId"
                    name="serviceId"
                    defaultValue={number.sender?.id ?? number.inbound?.id ?? ""}
                    className="mt-2 border-2 border-ink p-2 text-lg"
                  >
                    <option value="">Choose a service</option>
                    {services.map((service) => (
                      <option key={service.id} value={service.id}>
                        {service.name}
                      </option>
                    ))}
                  </select>
                </FormField>
                <fieldset className="mb-6">
                  <legend className="text-lg font-bold">The service</legend>
                  <label className="mt-2 flex items-center gap-3 text-lg">
                    <input type="checkbox" name="asSender" value="true" className="size-6" />
                    Sends texts from it (once it is active)
                  </label>
                  <label className="mt-2 flex items-center gap-3 text-lg">
                    <input type="checkbox" name="makeDefault" value="true" className="size-6" />
                    As its default sender
                  </label>
                  <label className="mt-2 flex items-center gap-3 text-lg">
                    <input type="checkbox" name="asInbound" value="true" className="size-6" />
                    Receives texts people send to it (two-way turned on)
                  </label>
                </fieldset>
              </PhoneNumberActionForm>

              <h3 className="mb-2 text-xl font-bold">Deletion protection</h3>
              {search.protection ? (
                <div id="protection" className="mb-6 border-4 border-ink p-4">
                  <h4 className="mb-2 text-xl font-bold">
                    Turn deletion protection {number.deletionProtection ? "off" : "on"} for {number.number}?
                  </h4>
                  <p className="mb-4 text-lg">
                    {number.deletionProtection
                      ? "Without it, anyone who can release numbers could give this one back to AWS by mistake."
                      : "With it, AWS refuses to release the number until it is turned off again."}
                  </p>
                  <PhoneNumberActionForm
                    submit={setDeletionProtectionAction}
                    fields={{ awsId, enabled: String(!number.deletionProtection) }}
                    label={`Yes, turn deletion protection ${number.deletionProtection ? "off" : "on"}`}
                    variant={number.deletionProtection ? "warning" : "primary"}
                    className="mb-2"
                  />
                  <Link href={here} className="text-lg">
                    Cancel
                  </Link>
                </div>
              ) : (
                <p className="mb-6 text-lg">
                  It is {number.deletionProtection ? "on: the number cannot be released" : "off"}.{" "}
                  <Link href={`${here}?protection=1#protection`}>
                    Turn deletion protection {number.deletionProtection ? "off" : "on"}
                  </Link>
                </p>
              )}

              <h3 className="mb-2 text-xl font-bold">Release</h3>
              {search.release ? (
                <div id="confirm" className="mb-6 border-4 border-error p-4">
                  <h4 className="mb-2 text-xl font-bold">Release {number.number}?</h4>
                  <p className="mb-4 text-lg">
                    AWS takes the number back and stops charging for it. It cannot be got back, and anyone texting it
                    reaches nobody.
                  </p>
                  <PhoneNumberActionForm
                    submit={releasePhoneNumberAction}
                    fields={{ awsId }}
                    label="Yes, release the number"
                    variant="warning"
                    className="mb-2"
                  />
                  <Link href={here} className="text-lg">
                    Cancel
                  </Link>
                </div>
              ) : (
                <p className="mb-6 text-lg">
                  <Link href={`${here}?release=1#confirm`}>Release this number</Link>
                </p>
              )}
            </>
          )}
        </>
      )}
    </>
  );
}
