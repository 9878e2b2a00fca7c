import "server-only";

/** The choices of the request form and the CLI, and what each costs a month (AWS's published prices, USD). */
export const NUMBER_TYPES = [
  { value: "SIMULATOR", label: "Simulator (for testing, US only)" },
  { value: "TOLL_FREE", label: "Toll-free" },
  { value: "TEN_DLC", label: "10DLC (US local number for businesses)" },
  { value: "LONG_CODE", label: "Long code" },
] as const;
export type RequestableNumberType = (typeof NUMBER_TYPES)[number]["value"];

export const CAPABILITIES = ["SMS", "VOICE", "MMS"] as const;
export const MESSAGE_TYPES = [
  { value: "TRANSACTIONAL", label: "Transactional (codes, alerts, updates)" },
  { value: "PROMOTIONAL", label: "Promotional" },
] as const;

const MONTHLY_PRICES: Record<string, Partial<Record<RequestableNumberType, number>>> = {
  US: { SIMULATOR: 0, TOLL_FREE: 2, TEN_DLC: 2, LONG_CODE: 1 },
  CA: { TOLL_FREE: 3, LONG_CODE: 1 },
  GB: { LONG_CODE: 1.5 },
  AU: { LONG_CODE: 6 },
};

/** The monthly price AWS publishes for a number of this kind, or null when Tidings does not know it. */
export function monthlyPriceOf(country: string, numberType: string): number | null {
  return MONTHLY_PRICES[country]?.[numberType as RequestableNumberType] ?? null;
}

/** US toll-free and 10DLC numbers can only be requested for a registration (and send once it is complete). */
export function needsRegistration(country: string, numberType: string): boolean {
  return country === "US" && (numberType === "TOLL_FREE" || numberType === "TEN_DLC");
}

/** AWS statuses in people's words. */
export const NUMBER_STATUS_LABELS: Record<string, string> = {
  PENDING: "Pending",
  ACTIVE: "Active",
  ASSOCIATING: "Associating",
  DISASSOCIATING: "Disassociating",
  DELETED: "Deleted",
};

export const REGISTRATION_STATUS_LABELS: Record<string, string> = {
  CREATED: "Created, not submitted",
  SUBMITTED: "Submitted",
  AWS_REVIEWING: "AWS reviewing",
  REVIEWING: "Carrier reviewing",
  PROVISIONING: "Provisioning",
  COMPLETE: "Complete",
  REQUIRES_UPDATES: "Needs changes",
  REQUIRES_AUTHENTICATION: "Needs authentication",
  CLOSED: "Closed",
  DELETED: "Deleted",
};

export const NUMBER_TYPE_LABELS: Record<string, string> = {
  SIMULATOR: "Simulator",
  TOLL_FREE: "Toll-free",
  TEN_DLC: "10DLC",
  LONG_CODE: "Long code",
  SHORT_CODE: "Short code",
};
