import "server-only";
import {
  RequestPhoneNumberCommand,
  UpdatePhoneNumberCommand,
  type PhoneNumberInformation,
} from "@aws-sdk/client-pinpoint-sms-voice-v2";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { config } from "@/lib/config";
import { db, isUniqueViolation } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requirePlatformAdmin, type PlatformWrite } from "@/lib/permissions";
import { isUuid } from "@/lib/validation";
import { callAws } from "./aws-client";
import { storedFields } from "./describe";
import { forgetInventory } from "./inventory";
import { needsRegistration, type RequestableNumberType } from "./options";

export type PhoneNumberRequest = {
  country: string;
  numberType: RequestableNumberType;
  capabilities: ("SMS" | "VOICE" | "MMS")[];
  messageType: "TRANSACTIONAL" | "PROMOTIONAL";
  optOutList?: string;
  deletionProtection: boolean;
  twoWay: boolean;
  registrationId?: string;
  /** Made once per form shown: a second submission of the same form (a double click) is the same request. */
  clientToken: string;
};

/**
 * Asks AWS for a new number (RequestPhoneNumber with the form's ClientToken, so it is requested
 * once however often the form is sent), turns two-way on towards SMS_INBOUND_TOPIC_ARN if asked,
 * and records it. US toll-free and 10DLC numbers need a registration. Platform admins only.
 */
export async function requestPhoneNumber({
  actor,
  ...request
}: PlatformWrite<PhoneNumberRequest>): Promise<{ awsId: string; number: string; status: string }> {
  requirePlatformAdmin(actor);
  if (!isUuid(request.clientToken)) throw new AppError("bad_request", "The form has expired: open it again");
  const earlier = await db.phoneNumber.findUnique({
    where: { clientToken: request.clientToken },
    select: { awsId: true, number: true, status: true },
  });
  if (earlier) return earlier;
  if (needsRegistration(request.country, request.numberType) && !request.registrationId)
    throw new AppError("validation", "US toll-free and 10DLC numbers need a registration", {
      registrationId: "Enter the registration this number is for (US toll-free and 10DLC numbers need one)",
    });
  const topic = config().SMS_INBOUND_TOPIC_ARN;
  if (request.twoWay && !topic)
    throw new AppError("validation", "Set SMS_INBOUND_TOPIC_ARN to turn on two-way messaging", {
      twoWay: "Two-way messaging needs SMS_INBOUND_TOPIC_ARN, the SNS topic for texts to our numbers",
    });
  let number: Partial<PhoneNumberInformation> = await callAws((sms) =>
    sms.send(
      new RequestPhoneNumberCommand({
        IsoCountryCode: request.country,
        NumberType: request.numberType,
        NumberCapabilities: request.capabilities,
        MessageType: request.messageType,
        DeletionProtectionEnabled: request.deletionProtection,
        ClientToken: request.clientToken,
        ...(request.optOutList ? { OptOutListName: request.optOutList } : {}),
        ...(request.registrationId ? { RegistrationId: request.registrationId } : {}),
      }),
    ),
  );
  if (request.twoWay && !number.TwoWayEnabled)
    number = await callAws((sms) =>
      sms.send(
        new UpdatePhoneNumberCommand({
          PhoneNumberId: number.PhoneNumberId,
          TwoWayEnabled: true,
          TwoWayChannelArn: topic,
        }),
      ),
    );
  const awsId = number.PhoneNumberId ?? "";
  const fields = storedFields(number);
  try {
    await db.$transaction(async (tx) => {
      const row = await tx.phoneNumber.upsert({
        where: { awsId },
        create: { awsId, clientToken: request.clientToken, ...fields },
        update: fields,
        select: { id: true },
      });
      await recordAuditEvent(tx, {
        action: "phone_number.requested",
        userId: actor.userId,
        subjectType: "phone_number",
        subjectId: row.id,
        details: {
          number: fields.number,
          country: request.country,
          numberType: request.numberType,
          registrationId: request.registrationId ?? null,
        },
      });
    });
  } catch (error) {
    // The same form sent twice at once: both asked AWS with one token and got one number.
    if (!isUniqueViolation(error)) throw error;
  }
  forgetInventory();
  return { awsId, number: fields.number, status: fields.status };
}
