import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { FormField } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";
import { isAppError } from "@/lib/errors";
import { requirePlatformAdmin } from "@/lib/http/session";
import {
  CAPABILITIES,
  MESSAGE_TYPES,
  monthlyPriceOf,
  needsRegistration,
  NUMBER_TYPES,
  REGISTRATION_STATUS_LABELS,
} from "@/lib/phone-numbers/options";
import { listRegistrations, type Registration } from "@/lib/phone-numbers/registrations";
import { AdminTabs } from "../../admin-tabs";
import { requestPhoneNumberAction } from "../actions";
import { PhoneNumberActionForm } from "../forms";
import { typeOf } from "../labels";

export const metadata: Metadata = { title: "Request a phone number" };

const PATH = "/admin/phone-numbers/request";
const COUNTRIES = { US: "United States", CA: "Canada", GB: "United Kingdom", AU: "Australia" };
const CAPABILITY_LABELS: Record<string, string> = {
  SMS: "Text messages",
  VOICE: "Voice",
  MMS: "Picture messages (MMS)",
};

type Search = {
  country?: string;
  numberType?: string;
  capabilities?: string | string[];
  messageType?: string;
  optOutList?: string;
  registrationId?: string;
  deletionProtection?: string;
  twoWay?: string;
  step?: string;
};

const selectClass = "mt-2 border-2 border-ink p-2 text-lg";

export default async function RequestPhoneNumberPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requirePlatformAdmin();
  const search = await searchParams;
  const chosen = {
    country: search.country && search.country in COUNTRIES ? search.country : "US",
    numberType: NUMBER_TYPES.some((type) => type.value === search.numberType) ? search.numberType! : "SIMULATOR",
    capabilities: [search.capabilities ?? []]
      .flat()
      .filter((value) => (CAPABILITIES as readonly string[]).includes(value)),
    messageType: MESSAGE_TYPES.some((type) => type.value === search.messageType)
      ? search.messageType!
      : "TRANSACTIONAL",
    optOutList: (search.optOutList ?? "").slice(0, 64),
    registrationId: (search.registrationId ?? "").slice(0, 100),
    deletionProtection: search.deletionProtection === "true",
    twoWay: search.twoWay === "true",
  };
  const confirming = search.step === "confirm" && chosen.capabilities.length > 0;
  let registrations: Registration[] = [];
  let problem: string | null = null;
  try {
    registrations = await listRegistrations();
  } catch (error) {
    if (!isAppError(error)) throw error;
    problem = error.message;
  }
  const price = monthlyPriceOf(chosen.country, chosen.numberType);
  const registration = needsRegistration(chosen.country, chosen.numberType);
  const changeQuery = new URLSearchParams({
    country: chosen.country,
    numberType: chosen.numberType,
    messageType: chosen.messageType,
    optOutList: chosen.optOutList,
    registrationId: chosen.registrationId,
    ...(chosen.deletionProtection ? { deletionProtection: "true" } : {}),
    ...(chosen.twoWay ? { twoWay: "true" } : {}),
  });
  for (const capability of chosen.capabilities) changeQuery.append("capabilities", capability);

  return (
    <>
      <h1 className="mb-6 text-4xl font-bold">Platform admin</h1>
      <AdminTabs current="/admin/phone-numbers" />
      <p className="mb-4">
        <Link href="/admin/phone-numbers">Back to phone numbers</Link>
      </p>
      <h2 className="mb-4 text-2xl font-bold">Request a phone number</h2>
      {problem && (
        <Notice tone="warning">Tidings could not ask AWS for the account&apos;s registrations: {problem}</Notice>
      )}
      {confirming ? (
        <>
          <dl className="mb-6 grid max-w-2xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-lg">
            <dt className="font-bold">Country</dt>
            <dd>{COUNTRIES[chosen.country as keyof typeof COUNTRIES]}</dd>
            <dt className="font-bold">Type</dt>
            <dd>{typeOf(chosen.numberType)}</dd>
            <dt className="font-bold">Can send</dt>
            <dd>{chosen.capabilities.map((capability) => CAPABILITY_LABELS[capability]).join(", ")}</dd>
            <dt className="font-bold">Messages</dt>
            <dd>{chosen.messageType === "TRANSACTIONAL" ? "Transactional" : "Promotional"}</dd>
            <dt className="font-bold">Opt-out list</dt>
            <dd>
              {chosen.optOutList || "AWS's default list (moved to the service's own list when a service gets it)"}
            </dd>
            <dt className="font-bold">Registration</dt>
            <dd>{chosen.registrationId || (registration ? "Needed, but none chosen" : "Not needed")}</dd>
            <dt className="font-bold">Deletion protection</dt>
            <dd>{chosen.deletionProtection ? "On" : "Off"}</dd>
            <dt className="font-bold">Two-way</dt>
            <dd>{chosen.twoWay ? "On: texts to it go to the inbound SNS topic" : "Off"}</dd>
            <dt className="font-bold">Price</dt>
            <dd>
              {price === null
                ? "AWS has not published a price Tidings knows for this kind of number"
                : `$${price.toFixed(2)} a month`}
              , plus what each message costs
            </dd>
          </dl>
          {registration && (
            <Notice tone="info">
              US toll-free and 10DLC numbers can only send once their registration is complete, which usually takes
              about 2 weeks. Tidings checks its status every few minutes.
            </Notice>
          )}
          <PhoneNumberActionForm
            submit={requestPhoneNumberAction}
            label="Request the number"
            fields={{
              country: chosen.country,
              numberType: chosen.numberType,
              messageType: chosen.messageType,
              optOutList: chosen.optOutList,
              registrationId: chosen.registrationId,
              deletionProtection: String(chosen.deletionProtection),
              twoWay: String(chosen.twoWay),
              // Made once per page shown: a second click on the button is the same request to AWS.
              clientToken: randomUUID(),
            }}
          >
            {chosen.capabilities.map((capability) => (
              <input key={capability} type="hidden" name="capabilities" value={capability} />
            ))}
          </PhoneNumberActionForm>
          <p className="text-lg">
            <Link href={`${PATH}?${changeQuery}`}>Change these choices</Link>
          </p>
        </>
      ) : (
        <form method="get" action={PATH} className="max-w-2xl">
          <input type="hidden" name="step" value="confirm" />
          {search.step === "confirm" && (
            <p className="mb-6 border-l-4 border-error pl-4 font-bold text-error" role="alert">
              Choose at least one thing the number can do
            </p>
          )}
          <FormField name="country" label="Country">
            <select id="country" name="country" defaultValue={chosen.country} className={selectClass}>
              {Object.entries(COUNTRIES).map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          </FormField>
          <FormField
            name="numberType"
            label="Type of number"
            hint="Simulator numbers are for testing: they only text simulator destinations."
          >
            <select
              id="numberType"
              name="numberType"
              defaultValue={chosen.numberType}
              className={selectClass}
              aria-describedby="numberType-hint"
            >
              {NUMBER_TYPES.map((type) => (
                <option key={type.value} value={type.value}>
                  {type.label}
                </option>
              ))}
            </select>
          </FormField>
          <fieldset className="mb-6">
            <legend className="text-lg font-bold">What it can do</legend>
            {CAPABILITIES.map((capability) => (
              <label key={capability} className="mt-2 flex items-center gap-3 text-lg">
                <input
                  type="checkbox"
                  name="capabilities"
                  value={capability}
                  defaultChecked={
                    chosen.capabilities.length ? chosen.capabilities.includes(capability) : capability === "SMS"
                  }
                  className="size-6"
                />
                {CAPABILITY_LABELS[capability]}
              </label>
            ))}
          </fieldset>
          <FormField name="messageType" label="Messages it sends">
            <select id="messageType" name="messageType" defaultValue={chosen.messageType} className={selectClass}>
              {MESSAGE_TYPES.map((type) => (
                <option key={type.value} value={type.value}>
                  {type.label}
                </option>
              ))}
            </select>
          </FormField>
          <FormField
            name="registrationId"
            label="Registration"
            hint={
              <>
                US toll-free and 10DLC numbers need a registration.{" "}
                <Link href="/admin/phone-numbers/registrations">Create a toll-free registration</Link> (10DLC ones are
                made in the AWS console).
              </>
            }
          >
            <select
              id="registrationId"
              name="registrationId"
              defaultValue={chosen.registrationId}
              className={selectClass}
              aria-describedby="registrationId-hint"
            >
              <option value="">None</option>
              {registrations.map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {entry.id} ({REGISTRATION_STATUS_LABELS[entry.status] ?? entry.status})
                </option>
              ))}
            </select>
          </FormField>
          <FormField name="optOutList" label="Opt-out list (optional)" hint="Leave empty for AWS's default list.">
            <input
              id="optOutList"
              name="optOutList"
              defaultValue={chosen.optOutList}
              aria-describedby="optOutList-hint"
              className="mt-2 w-full max-w-sm border-2 border-ink p-2 text-lg"
            />
          </FormField>
          <label className="mb-4 flex items-center gap-3 text-lg">
            <input
              type="checkbox"
              name="deletionProtection"
              value="true"
              defaultChecked={chosen.deletionProtection}
              className="size-6"
            />
            Deletion protection (it cannot be released until this is turned off)
          </label>
          <label className="mb-6 flex items-center gap-3 text-lg">
            <input type="checkbox" name="twoWay" value="true" defaultChecked={chosen.twoWay} className="size-6" />
            Two-way: texts to it go to the inbound SNS topic
          </label>
          <button type="submit" className="bg-success px-4 py-2 text-lg font-bold text-white shadow-[0_2px_0_#002d18]">
            Continue
          </button>
        </form>
      )}
    </>
  );
}
