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

// The settings as the settings page names them.
const SETTING_NAMES: Record<string, string> = {
  name: "service name",
  trialMode: "trial mode",
  emailMessageLimit: "daily email limit",
  smsMessageLimit: "daily text message limit",
  rateLimit: "API rate limit",
  emailRetentionDays: "how long emails are kept",
  smsRetentionDays: "how long text messages are kept",
  canSendInternationalSms: "sending to international numbers",
  prefixSms: "starting text messages with the service name",
};

const settingNames = (details: Details) => {
  const names = Object.keys((details.after as Details | undefined) ?? {}).map((field) => SETTING_NAMES[field] ?? field);
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? "nothing");
};

const DESCRIPTIONS: Record<string, (details: Details) => string> = {
  "service.created": (details) => `Created the service “${text(details, "name")}”`,
  "service.settings_changed": (details) => `Changed the ${settingNames(details)}`,
  "service.go_live_requested": () => "Asked for the service to go live",
  "notification.cancelled": () => "Cancelled a scheduled message before it was sent",
  "user.suspended": () => "Suspended an account",
  "user.reactivated": () => "Reactivated a suspended account",
  "service.archived": () => "Archived the service: its API keys stopped working and nothing more is sent",
  "service.go_live_rejected": (details) => `Did not make the service live: ${text(details, "reason")}`,
  "template.updated": (details) => `Saved a new version of a template (version ${String(details.version ?? "")})`,
  "template.archived": () => "Deleted a template",
  "template.moved": () => "Moved a template to another folder",
  "template_folder.created": (details) => `Created the folder “${text(details, "name")}”`,
  "reply_to.added": (details) => `Added a reply-to email address${details.isDefault ? " as the default" : ""}`,
  "reply_to.removed": () => "Removed a reply-to email address",
  "reply_to.made_default": () => "Changed the default reply-to email address",
  "sms_sender.added": (details) =>
    `Added the text message sender “${text(details, "sender")}”${details.isDefault ? " as the default" : ""}`,
  "sms_sender.removed": () => "Removed a text message sender",
  "sms_sender.made_default": () => "Changed the default text message sender",
  "service.member_added": (details) => `Added a team member with permissions: ${permissions(details, "permissions")}`,
  "service.callback_set": (details) =>
    `Set the callback for ${CALLBACK_NAMES[text(details, "callbackType")] ?? text(details, "callbackType")} to ${text(details, "url")}`,
  "service.callback_cleared": (details) =>
    `Removed the callback for ${CALLBACK_NAMES[text(details, "callbackType")] ?? text(details, "callbackType")}`,
  "service.signing_secret_created": () => "Created a secret for signing callbacks",
  "service.signing_secret_rotated": () =>
    "Replaced the secret for signing callbacks (the previous one signs for 24 hours more)",
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
  "scheduled_job.run_requested": (details) => `Asked for the scheduled job ${text(details, "name")} to run now`,
  "email_branding.created": (details) => `Added the email branding “${text(details, "name")}”`,
  "email_branding.updated": (details) => `Changed the email branding “${text(details, "name")}”`,
  "email_branding.assigned": (details) =>
    details.name
      ? `Gave the service the email branding “${text(details, "name")}”`
      : "Took the service’s email branding off",
  "inbound_number.released": (details) =>
    `Took back the number ${text(details, "number")}: texts to it are no longer received`,
};

/** One line saying what an audit event recorded; actions without a description are read out from their name. */
export function describeAuditEvent(action: string, details: Prisma.JsonValue): string {
  const describe = DESCRIPTIONS[action];
  const fields = details && typeof details === "object" && !Array.isArray(details) ? (details as Details) : {};
  if (describe) return describe(fields);
  const words = action.replace(/[._]/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
