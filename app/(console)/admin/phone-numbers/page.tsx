import type { Metadata } from "next";
import Link from "next/link";
import { FormField } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";
import { Table } from "@/components/ui/table";
import { isAppError } from "@/lib/errors";
import { requirePlatformAdmin } from "@/lib/http/session";
import { listPhoneNumberInventory, type InventoryFilters, type InventoryNumber } from "@/lib/phone-numbers/inventory";
import { NUMBER_STATUS_LABELS, NUMBER_TYPE_LABELS } from "@/lib/phone-numbers/options";
import {
  listPools,
  listSenderIds,
  type PoolOrigin,
  type SenderIdOrigin,
} from "@/lib/phone-numbers/origination-identities";
import { platformSmsSender } from "@/lib/platform/admin-queries";
import { AdminTabs } from "../admin-tabs";
import { setPlatformNumberAction } from "./actions";
import { PhoneNumberActionForm } from "./forms";
import { capabilitiesOf, priceOf, registrationOf, statusOf, topicOf, typeOf } from "./labels";

export const metadata: Metadata = { title: "Phone numbers" };

const PATH = "/admin/phone-numbers";
const ASSIGNMENTS = {
  sender: "Sends texts for a service",
  inbound: "Receives texts for a service",
  unassigned: "Not in use",
};

type Search = {
  status?: string;
  country?: string;
  type?: string;
  assignment?: string;
  refresh?: string;
  released?: string;
};

function filtersOf(search: Search): InventoryFilters {
  return {
    ...(search.status && search.status in NUMBER_STATUS_LABELS ? { status: search.status } : {}),
    ...(search.country && /^[A-Z]{2}$/.test(search.country) ? { country: search.country } : {}),
    ...(search.type && search.type in NUMBER_TYPE_LABELS ? { numberType: search.type } : {}),
    ...(search.assignment && search.assignment in ASSIGNMENTS
      ? { assignment: search.assignment as InventoryFilters["assignment"] }
      : {}),
  };
}

function Select({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value?: string;
  options: Record<string, string>;
}) {
  return (
    <FormField name={name} label={label}>
      <select id={name} name={name} defaultValue={value ?? ""} className="mt-2 border-2 border-ink p-2 text-lg">
        <option value="">Any</option>
        {Object.entries(options).map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </FormField>
  );
}

export default async function PhoneNumbersPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requirePlatformAdmin();
  const search = await searchParams;
  const filters = filtersOf(search);
  let numbers: InventoryNumber[] = [];
  let everyNumber: InventoryNumber[] = [];
  let problem: string | null = null;
  try {
    everyNumber = await listPhoneNumberInventory({ refresh: search.refresh === "1" });
    numbers = await listPhoneNumberInventory({ filters });
  } catch (error) {
    if (!isAppError(error)) throw error;
    problem = error.message;
  }
  const countries = Object.fromEntries(
    [...new Set(everyNumber.map((number) => number.country))].sort().map((c) => [c, c]),
  );
  const sendable = everyNumber.filter((number) => number.status === "ACTIVE" && number.capabilities.includes("SMS"));
  let pools: PoolOrigin[] = [];
  let senderIds: SenderIdOrigin[] = [];
  if (!problem)
    try {
      [pools, senderIds] = await Promise.all([listPools(), listSenderIds()]);
    } catch (error) {
      if (!isAppError(error)) throw error;
      problem = error.message;
    }
  const platformSender = await platformSmsSender();
  const query = new URLSearchParams(
    Object.entries(search).filter(([key, value]) => key !== "released" && key !== "refresh" && value) as [
      string,
      string,
    ][],
  );

  return (
    <>
      <h1 className="mb-6 text-4xl font-bold">Platform admin</h1>
      <AdminTabs current={PATH} />
      <h2 className="mb-2 text-2xl font-bold">Phone numbers</h2>
      <p className="mb-6 text-lg">
        Every phone number in the AWS account (AWS End User Messaging SMS), and which service uses it. AWS is asked
        again every half minute, or when you refresh.
      </p>
      {search.released && <Notice>{search.released} was released: it is no longer the platform&apos;s.</Notice>}
      {problem && <Notice tone="warning">Tidings could not list the numbers: {problem}</Notice>}
      <p className="mb-6 flex flex-wrap gap-6 text-lg">
        <Link href={`${PATH}/request`} className="font-bold">
          Request a number
        </Link>
        <Link href={`${PATH}/registrations`}>Registrations</Link>
        <Link href={`${PATH}?${new URLSearchParams({ ...Object.fromEntries(query), refresh: "1" })}`}>
          Refresh from AWS
        </Link>
      </p>
      <form method="get" action={PATH} className="mb-6 flex flex-wrap items-end gap-x-6 border-b border-line">
        <Select name="status" label="Status" value={filters.status} options={NUMBER_STATUS_LABELS} />
        <Select name="country" label="Country" value={filters.country} options={countries} />
        <Select name="type" label="Type" value={filters.numberType} options={NUMBER_TYPE_LABELS} />
        <Select name="assignment" label="Use" value={filters.assignment} options={ASSIGNMENTS} />
        <button type="submit" className="mb-6 bg-gray-200 px-4 py-2 text-lg font-bold hover:bg-gray-300">
          Filter
        </button>
      </form>
      <Table
        caption="Phone numbers in the AWS account"
        hideCaption
        className="mb-10"
        rows={numbers}
        rowKey={(number) => number.awsId}
        empty={
          problem
            ? null
            : Object.keys(filters).length
              ? "No number matches these filters."
              : "The AWS account has no phone numbers yet. Request one to start."
        }
        columns={[
          {
            header: "Number",
            cell: (number) => (
              <>
                <Link href={`${PATH}/${encodeURIComponent(number.awsId)}`} className="font-bold whitespace-nowrap">
                  {number.number}
                </Link>
                <br />
                {typeOf(number.numberType)}, {number.country}
              </>
            ),
          },
          {
            header: "Can send",
            cell: (number) => (
              <>
                {capabilitiesOf(number)}
                <br />
                <span className="text-muted">{number.messageType.toLowerCase()}</span>
              </>
            ),
          },
          {
            header: "Status",
            cell: (number) => (
              <>
                {statusOf(number)}
                {number.registrationId && (
                  <>
                    <br />
                    <span className="text-muted">Registration: {registrationOf(number.registrationStatus)}</span>
                  </>
                )}
              </>
            ),
          },
          {
            header: "Two-way",
            cell: (number) =>
              number.twoWayEnabled ? `On, to ${topicOf(number.twoWayChannelArn) ?? "no topic"}` : "Off",
          },
          { header: "Opt-out list", cell: (number) => number.optOutList, className: "break-all" },
          { header: "Deletion protection", cell: (number) => (number.deletionProtection ? "On" : "Off") },
          { header: "Price", cell: (number) => priceOf(number.monthlyPrice) },
          {
            header: "Used by",
            cell: (number) =>
              number.sender || number.inbound ? (
                <>
                  {number.sender && <span className="block">Sending: {number.sender.name}</span>}
                  {number.inbound && <span className="block">Receiving: {number.inbound.name}</span>}
                </>
              ) : (
                <span className="text-muted">Not in use</span>
              ),
          },
        ]}
      />
      <h2 className="mb-2 text-2xl font-bold">Platform number</h2>
      <p className="mb-4 text-lg">
        Tidings&apos; own text messages (sign-in codes) come from{" "}
        {platformSender ? <strong>{platformSender}</strong> : "no number of their own yet"}. Choose one of the
        account&apos;s active numbers, a pool of numbers, or a sender ID (sender IDs only work in countries that allow
        them).
      </p>
      <PhoneNumberActionForm submit={setPlatformNumberAction} label="Use this" variant="secondary">
        <FormField name="platformNumber" label="Send sign-in codes from">
          <select id="platformNumber" name="origin" defaultValue="" className="mt-2 border-2 border-ink p-2 text-lg">
            <option value="">Choose a number, pool or sender ID</option>
            <optgroup label="Numbers">
              {sendable.map((number) => (
                <option key={number.awsId} value={`phone-number:${number.awsId}`}>
                  {number.number} ({typeOf(number.numberType)})
                </option>
              ))}
            </optgroup>
            {pools.some((pool) => pool.status === "ACTIVE") && (
              <optgroup label="Pools">
                {pools
                  .filter((pool) => pool.status === "ACTIVE")
                  .map((pool) => (
                    <option key={pool.poolId} value={`pool:${pool.poolId}`}>
                      Pool {pool.poolId} ({pool.messageType.toLowerCase()})
                    </option>
                  ))}
              </optgroup>
            )}
            {senderIds.length > 0 && (
              <optgroup label="Sender IDs">
                {senderIds.map((senderId) => (
                  <option
                    key={`${senderId.senderId}:${senderId.country}`}
                    value={`sender-id:${senderId.senderId}:${senderId.country}`}
                  >
                    Sender ID {senderId.senderId} ({senderId.country})
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </FormField>
      </PhoneNumberActionForm>
    </>
  );
}
