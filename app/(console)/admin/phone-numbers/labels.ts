import type { InventoryNumber } from "@/lib/phone-numbers/inventory";
import { NUMBER_STATUS_LABELS, NUMBER_TYPE_LABELS, REGISTRATION_STATUS_LABELS } from "@/lib/phone-numbers/options";

/** How the phone number pages describe a number's fields. */
export const statusOf = (number: Pick<InventoryNumber, "status">) =>
  NUMBER_STATUS_LABELS[number.status] ?? number.status;
export const typeOf = (numberType: string) => NUMBER_TYPE_LABELS[numberType] ?? numberType;
export const registrationOf = (status: string | null) =>
  status ? (REGISTRATION_STATUS_LABELS[status] ?? status) : "Not polled yet";
export const capabilitiesOf = (number: Pick<InventoryNumber, "capabilities">) =>
  number.capabilities
    .map((capability) => (capability === "SMS" ? "Texts" : capability === "VOICE" ? "Voice" : capability))
    .join(", ");
export const priceOf = (price: string | null) => (price === null ? "Unknown" : `$${Number(price).toFixed(2)} a month`);
/** The topic's name, the last part of its ARN. */
export const topicOf = (arn: string | null) => (arn ? arn.split(":").pop() : null);
