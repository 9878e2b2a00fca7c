import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { PERMISSIONS } from "@/lib/permissions";

const CALLBACK_NAMES: Record<string, string> = {
  delivery_status: "delivery receipts",
  inbound_sms: "received text messages",
  complaint: "complaints",
};

const GUEST_KINDS: Record<string, string> = { email: "an email address", mobile: "a mobile number" };

type Details = Record<string, unknown>;
const text = (details: Details, field: string) =>
  typeof details[field] === "string" ? (details[field] as string) : "";
const permissionLabel = (value: unknown) =>
  PERMISSIONS.find((permission) => permission.value === value)?.label ?? String(value);
const permissions = (details: Details, field: string) =>
  Array.isArray(details[field]) ? (details[field] as unknown[]).map(permissionLabel).join(", ") || "none" : "";

const DESCRIPTIONS: Record<string, (details: Details) => string> = {
  "service.created": (details) => `Created the service “${text(details, "name")}”`,
  "service.settings_changed": (details) =>
    `Changed settings: ${Object.keys((details.after as Details | undefined) ?? {}).join(", ")}`,
  "service.member_added": (details) => `Added a team member with permissions: ${permissions(details, "permissions")}`,
  "service.callback_set": (details) =>
    `Set the callback for ${CALLBACK_NAMES[text(details, "callbackType")] ?? text(details, "callbackType")} to ${text(details, "url")}`,
  "service.callback_cleared": (details) =>
    `Removed the callback for ${CALLBACK_NAMES[text(details, "callbackType")] ?? text(details, "callbackType")}`,
  "team.member_invited": (details) =>
    `Invited ${text(details, "email")} with permissions: ${permissions(details, "permissions")}`,
  "team.invitation_cancelled": (details) => `Cancelled the invitation to ${text(details, "email")}`,
  "team.invitation_accepted": (details) => `Accepted the invitation to ${text(details, "email")} and joined the team`,
  "team.permissions_changed": (details) =>
    `Changed the permissions of ${text(details, "email")} from ${permissions(details, "before")} to ${permissions(details, "after")}`,
  "team.member_removed": (details) => `Removed ${text(details, "email")} from the team`,
  "api_key.created": (details) => `Created the API key “${text(details, "name")}” (${text(details, "keyType")})`,
  "api_key.revoked": (details) => `Revoked the API key “${text(details, "name")}”`,
  "guest_list.entry_added": (details) =>
    `Added ${GUEST_KINDS[text(details, "recipientType")] ?? "a recipient"} to the guest list`,
  "guest_list.entry_removed": (details) =>
    `Removed ${GUEST_KINDS[text(details, "recipientType")] ?? "a recipient"} from the guest list`,
  "suppression.removed": () => "Removed a recipient from the suppression list",
  "template.created": (details) => `Created the template “${text(details, "name")}”`,
  "inbound_number.assigned": (details) =>
    `Gave the service the number ${text(details, "number")} for receiving text messages`,
  "inbound_number.released": (details) =>
    `Took back the number ${text(details, "number")}: texts to it are no longer received`,
};

/** One line saying what an audit event recorded; actions without a description show their name. */
export function describeAuditEvent(action: string, details: Prisma.JsonValue): string {
  const describe = DESCRIPTIONS[action];
  const fields = details && typeof details === "object" && !Array.isArray(details) ? (details as Details) : {};
  return describe ? describe(fields) : action;
}
