import "server-only";
import { AppError } from "@/lib/errors";

type AwsFailure = {
  name?: string;
  code?: string;
  message?: string;
  Reason?: string;
  ResourceType?: string;
  ResourceId?: string;
  RequestId?: string;
  Fields?: { Name?: string; Message?: string }[];
};

// AWS's field names → the request form's, so a ValidationException shows beside the field it is about.
const FORM_FIELDS: Record<string, string> = {
  IsoCountryCode: "country",
  NumberType: "numberType",
  MessageType: "messageType",
  NumberCapabilities: "capabilities",
  RegistrationId: "registrationId",
  OptOutListName: "optOutList",
  TwoWayChannelArn: "twoWay",
  OptedOutNumber: "number",
  RegistrationType: "registrationType",
};

const readable = (reason: string) => reason.toLowerCase().replace(/_/g, " ");

const CONFLICTS: Record<string, string> = {
  DELETION_PROTECTION_ENABLED: "Deletion protection is on for this number: turn it off before releasing it.",
  RESOURCE_ALREADY_EXISTS: "That already exists in AWS.",
  DESTINATION_PHONE_NUMBER_OPTED_OUT: "That phone number has opted out of texts from this number.",
  PHONE_NUMBER_ASSOCIATED_TO_POOL: "The number belongs to a pool in AWS: take it out of the pool first.",
  REGISTRATION_ALREADY_SUBMITTED: "The registration is already submitted.",
  EDIT_REGISTRATION_FIELD_VALUES_NOT_ALLOWED:
    "The registration can no longer be changed: it is submitted. AWS lets it be changed again if it needs changes.",
  SUBMIT_REGISTRATION_VERSION_NOT_ALLOWED: "AWS does not let this registration be submitted now.",
};

const QUOTAS: Record<string, string> = {
  PHONE_NUMBERS_PER_ACCOUNT:
    "The AWS account already has as many phone numbers as its quota allows. Release one, or ask AWS for a higher quota.",
  MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT:
    "This month's text message spend limit is reached. Ask AWS to raise it, or wait for next month.",
  OPT_OUT_LISTS_PER_ACCOUNT:
    "The AWS account already has as many opt-out lists as its quota allows. Ask AWS for a higher quota.",
  REGISTRATIONS_PER_ACCOUNT: "The AWS account already has as many registrations as its quota allows.",
};

const RESOURCES: Record<string, string> = {
  "phone-number": "phone number",
  "opt-out-list": "opt-out list",
  "opted-out-number": "opted-out number",
  registration: "registration",
  pool: "pool",
  "sender-id": "sender ID",
};

/**
 * What an AWS End User Messaging SMS error means for the person who asked, as an AppError: the
 * console shows it (beside the field AWS named, when it named one) and the CLI prints it, so an AWS
 * failure is never a 500. Throttling arrives here only once the client's retries ran out.
 */
export function phoneNumberAwsError(error: unknown): AppError {
  const failure = (error ?? {}) as AwsFailure;
  const name = failure.name ?? "Error";
  const reason = failure.Reason ?? "";
  switch (name) {
    case "ConflictException":
      return new AppError(
        "conflict",
        CONFLICTS[reason] ??
          `AWS refused because of a conflict (${readable(reason || "no reason given")}${failure.ResourceId ? `, ${failure.ResourceId}` : ""}).`,
      );
    case "ServiceQuotaExceededException":
      return new AppError(
        "conflict",
        QUOTAS[reason] ?? `An AWS quota is reached (${readable(reason || "no reason given")}).`,
      );
    case "ValidationException": {
      const fields = failure.Fields ?? [];
      const message = `AWS did not accept the request: ${
        fields
          .map((field) => field.Message)
          .filter(Boolean)
          .join("; ") ||
        failure.message ||
        readable(reason)
      }`;
      const fieldErrors: Record<string, string> = {};
      for (const field of fields) {
        const formField = FORM_FIELDS[field.Name ?? ""];
        if (formField) fieldErrors[formField] = field.Message ?? message;
      }
      return new AppError("validation", message, fieldErrors);
    }
    case "ResourceNotFoundException": {
      const what = RESOURCES[failure.ResourceType ?? ""] ?? "resource";
      return new AppError(
        "not_found",
        `AWS has no ${what}${failure.ResourceId ? ` ${failure.ResourceId}` : ""}: it may have been released or deleted in the AWS console.`,
        failure.ResourceType === "registration"
          ? { registrationId: `AWS has no registration ${failure.ResourceId}` }
          : {},
      );
    }
    case "AccessDeniedException":
      return new AppError(
        "forbidden",
        reason === "ACCOUNT_DISABLED"
          ? "AWS refused: the AWS account is disabled for End User Messaging SMS."
          : reason === "INSUFFICIENT_ACCOUNT_REPUTATION"
            ? "AWS refused: the account's sending reputation is too low for this. Contact AWS Support."
            : "AWS refused access: Tidings' AWS credentials are not allowed to do this.",
      );
    case "ThrottlingException":
    case "TooManyRequestsException":
      return new AppError("rate_limited", "AWS is receiving too many requests just now. Try again in a minute.");
    case "InternalServerException":
      return new AppError(
        "conflict",
        `AWS had a problem on its side${failure.RequestId ? ` (request ${failure.RequestId})` : ""}. Try again in a few minutes.`,
      );
    default:
      return new AppError(
        "conflict",
        failure.code && /^E[A-Z]+$/.test(failure.code)
          ? "Tidings could not reach AWS End User Messaging SMS. Check the network and AWS settings, then try again."
          : `AWS End User Messaging SMS failed (${name}${failure.message ? `: ${failure.message}` : ""}). Try again.`,
      );
  }
}
