import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { resetConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { isAppError, type AppError } from "@/lib/errors";
import { checkHealth } from "@/lib/health/check-health";
import { planInboundText } from "@/lib/inbound-sms/receive-inbound-sms";
import { OPERATOR, type Actor } from "@/lib/permissions";
import { assignPhoneNumber, unassignPhoneNumber } from "@/lib/phone-numbers/assign-phone-number";
import { checkSenderCanText } from "@/lib/phone-numbers/check-sender";
import { createPhoneRegistration } from "@/lib/phone-numbers/create-registration";
import { listPhoneNumberInventory } from "@/lib/phone-numbers/inventory";
import { reconcileOptOutLists } from "@/lib/phone-numbers/opt-out-lists";
import { pollPhoneNumberStatuses } from "@/lib/phone-numbers/poll-phone-numbers";
import { listOptedOutNumbers, phoneNumbersOfService } from "@/lib/phone-numbers/queries";
import { releasePhoneNumber } from "@/lib/phone-numbers/release-phone-number";
import { requestPhoneNumber, type PhoneNumberRequest } from "@/lib/phone-numbers/request-phone-number";
import { setPhoneNumberDeletionProtection } from "@/lib/phone-numbers/set-deletion-protection";
import { REGISTRATION_FIELDS } from "@/lib/phone-numbers/registration-fields";
import { listRegistrations } from "@/lib/phone-numbers/registrations";
import { smsSpendThisMonth } from "@/lib/phone-numbers/spend";
import { submitPhoneRegistration } from "@/lib/phone-numbers/submit-registration";
import { setPlatformNumber } from "@/lib/platform/set-platform-number";
import { addSmsSender } from "@/lib/senders/sms-senders";
import { removeSuppression } from "@/lib/suppression/remove-suppression";
import { deliveryHarnessForThisFile } from "../support/delivery-harness";
import { makeService, makeUser } from "../support/factories";
import { waitFor } from "../support/wait";

const TOPIC = "arn:aws:sns:us-east-1:111122223333:tidings-inbound-sms";
const delivery = deliveryHarnessForThisFile({
  sms: { seed: true, pageSize: 2, maxPhoneNumbers: 60, activateAfterMs: 3_600_000 },
  env: { SMS_INBOUND_TOPIC_ARN: TOPIC },
  worker: true,
});

const admin: Actor = OPERATOR;

const simulator = (overrides: Partial<PhoneNumberRequest> = {}): PhoneNumberRequest => ({
  country: "US",
  numberType: "SIMULATOR",
  capabilities: ["SMS", "VOICE"],
  messageType: "TRANSACTIONAL",
  deletionProtection: false,
  twoWay: false,
  clientToken: randomUUID(),
  ...overrides,
});

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

/** A requested simulator number, made ACTIVE (as AWS does once it is provisioned). */
async function activeNumber(overrides: Partial<PhoneNumberRequest> = {}) {
  const requested = await requestPhoneNumber({ actor: admin, ...simulator(overrides) });
  const number = delivery.sms.state.phoneNumbers.find((entry) => entry.PhoneNumberId === requested.awsId)!;
  number.Status = "ACTIVE";
  return number;
}

const awsNumber = (awsId: string) => delivery.sms.state.phoneNumbers.find((entry) => entry.PhoneNumberId === awsId)!;

describe("the number inventory", () => {
  it("lists every number of the account through every page, cached briefly, and asks again on refresh", async () => {
    const before = delivery.sms.operations.length;
    const numbers = await listPhoneNumberInventory({ refresh: true });
    // Three seeded simulator numbers at two a page: two DescribePhoneNumbers calls.
    expect(delivery.sms.operations.slice(before)).toEqual(["DescribePhoneNumbers", "DescribePhoneNumbers"]);
    expect(numbers.map((number) => number.number)).toEqual(
      expect.arrayContaining(["+12065550100", "+12065550101", "+12065550102"]),
    );
    expect(numbers.find((number) => number.number === "+12065550102")).toMatchObject({
      numberType: "SIMULATOR",
      capabilities: ["VOICE"],
      status: "ACTIVE",
      country: "US",
      optOutList: "Default",
      sender: null,
      inbound: null,
    });
    const asked = delivery.sms.operations.length;
    await listPhoneNumberInventory();
    expect(delivery.sms.operations.length).toBe(asked);
    await listPhoneNumberInventory({ refresh: true });
    expect(delivery.sms.operations.length).toBeGreaterThan(asked);
  });

  it("filters by status, country, type and assignment", async () => {
    const pending = await requestPhoneNumber({ actor: admin, ...simulator() });
    const byStatus = await listPhoneNumberInventory({ refresh: true, filters: { status: "PENDING" } });
    expect(byStatus.map((number) => number.awsId)).toContain(pending.awsId);
    expect(byStatus.every((number) => number.status === "PENDING")).toBe(true);
    expect(await listPhoneNumberInventory({ filters: { country: "GB" } })).toEqual([]);
    expect((await listPhoneNumberInventory({ filters: { numberType: "SIMULATOR" } })).length).toBeGreaterThan(3);
    expect((await listPhoneNumberInventory({ filters: { assignment: "unassigned" } })).length).toBeGreaterThan(0);
  });
});

describe("requesting a number", () => {
  it("requests a simulator number, pending until AWS activates it, and audits it", async () => {
    const requested = await requestPhoneNumber({ actor: admin, ...simulator({ twoWay: true }) });
    expect(requested.status).toBe("PENDING");
    expect(awsNumber(requested.awsId)).toMatchObject({ TwoWayEnabled: true, TwoWayChannelArn: TOPIC });
    const row = await db.phoneNumber.findUniqueOrThrow({ where: { awsId: requested.awsId } });
    expect(row).toMatchObject({ number: requested.number, status: "PENDING", numberType: "SIMULATOR" });
    expect(await db.auditEvent.count({ where: { action: "phone_number.requested", subjectId: row.id } })).toBe(1);
  });

  it("requests once when the same form is sent twice (a double click), even at the same moment", async () => {
    const request = simulator();
    const numbersBefore = delivery.sms.state.phoneNumbers.length;
    const [first, second] = await Promise.all([
      requestPhoneNumber({ actor: admin, ...request }),
      requestPhoneNumber({ actor: admin, ...request }),
    ]);
    const third = await requestPhoneNumber({ actor: admin, ...request });
    expect(second.awsId).toBe(first.awsId);
    expect(third.awsId).toBe(first.awsId);
    expect(delivery.sms.state.phoneNumbers.length).toBe(numbersBefore + 1);
    expect(await db.phoneNumber.count({ where: { clientToken: request.clientToken } })).toBe(1);
  });

  it("says which field AWS refused (ValidationException), beside it", async () => {
    const promotional = await failure(
      requestPhoneNumber({ actor: admin, ...simulator({ messageType: "PROMOTIONAL" }) }),
    );
    expect(promotional.code).toBe("validation");
    expect(promotional.fieldErrors).toEqual({ messageType: "Simulator numbers only send TRANSACTIONAL messages" });
    const abroad = await failure(requestPhoneNumber({ actor: admin, ...simulator({ country: "GB" }) }));
    expect(abroad.fieldErrors).toEqual({ country: "Simulator numbers are only available in the US" });
  });

  it("asks for a registration for US toll-free and 10DLC numbers, and says when AWS has no such registration", async () => {
    const missing = await failure(
      requestPhoneNumber({ actor: admin, ...simulator({ numberType: "TOLL_FREE", capabilities: ["SMS"] }) }),
    );
    expect(missing.fieldErrors.registrationId).toMatch(/need one/);
    const unknown = await failure(
      requestPhoneNumber({
        actor: admin,
        ...simulator({ numberType: "TEN_DLC", capabilities: ["SMS"], registrationId: "registration-nope" }),
      }),
    );
    expect(unknown.code).toBe("not_found");
    expect(unknown.fieldErrors.registrationId).toBe("AWS has no registration registration-nope");
  });

  it("explains a reached quota (ServiceQuotaExceededException)", async () => {
    delivery.sms.failNext("RequestPhoneNumber", {
      type: "ServiceQuotaExceededException",
      message: "Quota exceeded",
      Reason: "PHONE_NUMBERS_PER_ACCOUNT",
    });
    const refused = await failure(requestPhoneNumber({ actor: admin, ...simulator() }));
    expect(refused.message).toMatch(/as many phone numbers as its quota allows/);
  });

  it("retries throttling, and says so when AWS keeps throttling", async () => {
    delivery.sms.failNext("RequestPhoneNumber", { type: "ThrottlingException", message: "Rate exceeded" }, 2);
    const requested = await requestPhoneNumber({ actor: admin, ...simulator() });
    expect(requested.status).toBe("PENDING");
    delivery.sms.failNext("RequestPhoneNumber", { type: "ThrottlingException", message: "Rate exceeded" }, 4);
    const throttled = await failure(requestPhoneNumber({ actor: admin, ...simulator() }));
    expect(throttled.code).toBe("rate_limited");
    expect(throttled.message).toMatch(/too many requests/);
  });

  it("explains access denied, AWS's own failures and conflicts", async () => {
    delivery.sms.failNext("RequestPhoneNumber", {
      type: "AccessDeniedException",
      message: "Account disabled",
      Reason: "ACCOUNT_DISABLED",
    });
    expect((await failure(requestPhoneNumber({ actor: admin, ...simulator() }))).message).toMatch(
      /account is disabled/,
    );
    delivery.sms.failNext(
      "RequestPhoneNumber",
      { type: "InternalServerException", message: "Oops", RequestId: "req-1", status: 500 },
      4,
    );
    expect((await failure(requestPhoneNumber({ actor: admin, ...simulator() }))).message).toMatch(
      /AWS had a problem on its side \(request req-1\)/,
    );
    delivery.sms.failNext("RequestPhoneNumber", {
      type: "ConflictException",
      message: "Conflict",
      Reason: "RESOURCE_MODIFICATION_NOT_ALLOWED",
      ResourceType: "phone-number",
      ResourceId: "phone-1",
    });
    expect((await failure(requestPhoneNumber({ actor: admin, ...simulator() }))).message).toBe(
      "AWS refused because of a conflict (resource modification not allowed, phone-1).",
    );
  });

  it("says when AWS cannot be reached", async () => {
    const working = process.env.AWS_ENDPOINT_URL_SMS;
    process.env.AWS_ENDPOINT_URL_SMS = "http://127.0.0.1:9";
    resetConfig();
    try {
      const unreachable = await failure(listPhoneNumberInventory({ refresh: true }));
      expect(unreachable.message).toMatch(/could not reach AWS End User Messaging SMS/);
    } finally {
      process.env.AWS_ENDPOINT_URL_SMS = working;
      resetConfig();
    }
  });
});

describe("giving a number to a service", () => {
  it("refuses a pending number for sending, saying why", async () => {
    const service = await makeService();
    const pending = await requestPhoneNumber({ actor: admin, ...simulator() });
    const refused = await failure(
      assignPhoneNumber({
        actor: admin,
        serviceId: service.id,
        awsId: pending.awsId,
        asSender: true,
        asInbound: false,
      }),
    );
    expect(refused.message).toMatch(/is pending\. A service can send from it once AWS has made it active/);
  });

  it("refuses a voice-only number for sending", async () => {
    const service = await makeService();
    const voice = await activeNumber({ capabilities: ["VOICE"] });
    const refused = await failure(
      assignPhoneNumber({
        actor: admin,
        serviceId: service.id,
        awsId: voice.PhoneNumberId,
        asSender: true,
        asInbound: false,
      }),
    );
    expect(refused.message).toMatch(/cannot send text messages/);
  });

  it("makes it a sender and the inbound number, on the service's own opt-out list; unassigning puts two-way back", async () => {
    const service = await makeService();
    const number = await activeNumber();
    await assignPhoneNumber({
      actor: admin,
      serviceId: service.id,
      awsId: number.PhoneNumberId,
      asSender: true,
      asInbound: true,
    });
    expect(number).toMatchObject({
      TwoWayEnabled: true,
      TwoWayChannelArn: TOPIC,
      OptOutListName: `tidings-${service.id}`,
    });
    expect(delivery.sms.state.optOutLists[`tidings-${service.id}`]).toEqual({});
    expect(await phoneNumbersOfService(service.id)).toEqual([
      expect.objectContaining({ number: number.PhoneNumber, asSender: true, isDefaultSender: true, asInbound: true }),
    ]);
    const inventory = await listPhoneNumberInventory({ filters: { assignment: "inbound" } });
    expect(inventory.find((entry) => entry.awsId === number.PhoneNumberId)).toMatchObject({
      sender: { id: service.id, name: service.name },
      inbound: { id: service.id, name: service.name },
    });

    const other = await makeService();
    const taken = await failure(
      assignPhoneNumber({
        actor: admin,
        serviceId: other.id,
        awsId: number.PhoneNumberId,
        asSender: true,
        asInbound: false,
      }),
    );
    expect(taken.message).toBe(`${number.PhoneNumber} already belongs to ${service.name}`);

    await unassignPhoneNumber({
      actor: admin,
      serviceId: service.id,
      awsId: number.PhoneNumberId,
      asSender: true,
      asInbound: true,
    });
    expect(number.TwoWayEnabled).toBe(false);
    expect(await phoneNumbersOfService(service.id)).toEqual([]);
    expect(
      await db.auditEvent.findMany({
        where: { serviceId: service.id, action: { startsWith: "phone_number." } },
        select: { action: true },
        orderBy: { createdAt: "asc" },
      }),
    ).toEqual([{ action: "phone_number.assigned" }, { action: "phone_number.unassigned" }]);
  });

  it("turns two-way on for an account number given on the inbound numbers page, and puts it back when taken back there", async () => {
    const { assignInboundNumber, listInboundNumbers, releaseInboundNumber } =
      await import("@/lib/services/inbound-numbers");
    const service = await makeService();
    const number = await activeNumber();
    number.TwoWayEnabled = true;
    number.TwoWayChannelArn = "arn:aws:sns:us-east-1:111122223333:someone-elses-topic";
    await assignInboundNumber({ actor: admin, serviceId: service.id, number: number.PhoneNumber! });
    expect(number).toMatchObject({ TwoWayEnabled: true, TwoWayChannelArn: TOPIC });
    const given = (await listInboundNumbers()).find((entry) => entry.number === number.PhoneNumber)!;
    expect(given.service).toEqual({ id: service.id, name: service.name });

    await releaseInboundNumber({ actor: admin, numberId: given.id });
    expect(number).toMatchObject({
      TwoWayEnabled: true,
      TwoWayChannelArn: "arn:aws:sns:us-east-1:111122223333:someone-elses-topic",
    });
    expect((await listInboundNumbers()).find((entry) => entry.number === number.PhoneNumber)!.service).toBeNull();
  });

  it("keeps other services' members away from numbers that are not theirs", async () => {
    const member = await makeUser();
    const theirs = await makeService({ members: [{ userId: member.id }] });
    const ours = await makeService();
    const number = await activeNumber();
    await assignPhoneNumber({
      actor: admin,
      serviceId: ours.id,
      awsId: number.PhoneNumberId,
      asSender: true,
      asInbound: true,
    });
    const actor: Actor = { userId: member.id, isPlatformAdmin: false };

    // Nothing of our service's number shows in theirs.
    expect(await phoneNumbersOfService(theirs.id)).toEqual([]);
    // Not even for their own service can they give or take numbers.
    for (const attempt of [
      assignPhoneNumber({ actor, serviceId: theirs.id, awsId: number.PhoneNumberId, asSender: true, asInbound: false }),
      unassignPhoneNumber({ actor, serviceId: ours.id, awsId: number.PhoneNumberId, asSender: true, asInbound: true }),
      releasePhoneNumber({ actor, awsId: number.PhoneNumberId }),
    ])
      expect((await failure(attempt)).code).toBe("forbidden");
    // Typing the number in as a sender of their own is refused too.
    const typed = await failure(addSmsSender({ actor, serviceId: theirs.id, sender: number.PhoneNumber }));
    expect(typed.fieldErrors.sender).toMatch(/one of the platform's phone numbers/);

    // Our service's opted-out numbers are neither listed for them nor removable by them.
    await db.$transaction((tx) =>
      planInboundText({
        originationNumber: "+14254147755",
        destinationNumber: number.PhoneNumber,
        messageBody: "STOP",
        inboundMessageId: randomUUID(),
      }).effects!(tx, null),
    );
    const [optOut] = await listOptedOutNumbers(ours.id);
    expect(optOut).toMatchObject({ number: "+14254147755", how: "keyword" });
    expect(await listOptedOutNumbers(theirs.id)).toEqual([]);
    expect((await failure(removeSuppression({ actor, serviceId: theirs.id, entryId: optOut!.id }))).code).toBe(
      "not_found",
    );
    expect((await failure(removeSuppression({ actor, serviceId: ours.id, entryId: optOut!.id }))).code).toBe(
      "not_found",
    );
  });
});

describe("releasing a number", () => {
  it("refuses while a service uses it, saying which", async () => {
    const service = await makeService();
    const number = await activeNumber();
    await assignPhoneNumber({
      actor: admin,
      serviceId: service.id,
      awsId: number.PhoneNumberId,
      asSender: true,
      asInbound: false,
    });
    const refused = await failure(releasePhoneNumber({ actor: admin, awsId: number.PhoneNumberId }));
    expect(refused.message).toBe(
      `${number.PhoneNumber} is in use: ${service.name} sends from it. Take it back from the service first.`,
    );
  });

  it("refuses while deletion protection is on, whether Tidings or AWS notices", async () => {
    const number = await activeNumber({ deletionProtection: true });
    expect((await failure(releasePhoneNumber({ actor: admin, awsId: number.PhoneNumberId }))).message).toMatch(
      /Deletion protection is on/,
    );
    // Turned on in AWS between our look and the release: AWS's ConflictException says the same.
    number.DeletionProtectionEnabled = false;
    delivery.sms.failNext("ReleasePhoneNumber", {
      type: "ConflictException",
      message: "Deletion protection",
      Reason: "DELETION_PROTECTION_ENABLED",
      ResourceType: "phone-number",
      ResourceId: number.PhoneNumberId,
    });
    expect((await failure(releasePhoneNumber({ actor: admin, awsId: number.PhoneNumberId }))).message).toMatch(
      /Deletion protection is on for this number/,
    );
  });

  it("turns deletion protection off and on from Tidings, audited; once off the number can be released", async () => {
    const number = await activeNumber({ deletionProtection: true });
    await setPhoneNumberDeletionProtection({ actor: admin, awsId: number.PhoneNumberId, enabled: false });
    expect(number.DeletionProtectionEnabled).toBe(false);
    expect((await listPhoneNumberInventory()).find((entry) => entry.awsId === number.PhoneNumberId)).toMatchObject({
      deletionProtection: false,
    });
    await setPhoneNumberDeletionProtection({ actor: admin, awsId: number.PhoneNumberId, enabled: true });
    expect(number.DeletionProtectionEnabled).toBe(true);
    await setPhoneNumberDeletionProtection({ actor: admin, awsId: number.PhoneNumberId, enabled: false });
    await releasePhoneNumber({ actor: admin, awsId: number.PhoneNumberId });
    expect(number.Status).toBe("DELETED");
    const row = await db.phoneNumber.findUniqueOrThrow({ where: { awsId: number.PhoneNumberId } });
    expect(
      await db.auditEvent.findMany({
        where: { subjectId: row.id, action: { startsWith: "phone_number.deletion_protection" } },
        orderBy: { createdAt: "asc" },
        select: { action: true },
      }),
    ).toEqual([
      { action: "phone_number.deletion_protection_off" },
      { action: "phone_number.deletion_protection_on" },
      { action: "phone_number.deletion_protection_off" },
    ]);
    // Released, AWS has it no more: a clear message, not a 500.
    const gone = await failure(
      setPhoneNumberDeletionProtection({ actor: admin, awsId: number.PhoneNumberId, enabled: true }),
    );
    expect(gone.code).toBe("not_found");
    expect(gone.message).toMatch(/AWS has no phone number/);
  });

  it("releases an unused number, audited, and says when AWS has no such number", async () => {
    const number = await activeNumber();
    await releasePhoneNumber({ actor: admin, awsId: number.PhoneNumberId });
    expect(number.Status).toBe("DELETED");
    const row = await db.phoneNumber.findUniqueOrThrow({ where: { awsId: number.PhoneNumberId } });
    expect(row).toMatchObject({ status: "DELETED", releasedAt: expect.any(Date) });
    expect(await db.auditEvent.count({ where: { action: "phone_number.released", subjectId: row.id } })).toBe(1);
    const gone = await failure(releasePhoneNumber({ actor: admin, awsId: number.PhoneNumberId }));
    expect(gone.code).toBe("not_found");
    expect(gone.message).toMatch(/AWS has no phone number/);
  });
});

describe("the registration poller", () => {
  it("records a registration's progress and the number's activation once it is complete", async () => {
    delivery.sms.state.registrations.push({
      RegistrationArn: "arn:aws:sms-voice:us-east-1:111122223333:registration/registration-poll",
      RegistrationId: "registration-poll",
      RegistrationType: "US_TOLL_FREE_REGISTRATION",
      RegistrationStatus: "SUBMITTED",
      CurrentVersionNumber: 1,
      CreatedTimestamp: Math.floor(Date.now() / 1000),
    });
    const requested = await requestPhoneNumber({
      actor: admin,
      ...simulator({ numberType: "TOLL_FREE", capabilities: ["SMS"], registrationId: "registration-poll" }),
    });
    await pollPhoneNumberStatuses();
    expect(await db.phoneNumber.findUniqueOrThrow({ where: { awsId: requested.awsId } })).toMatchObject({
      status: "PENDING",
      registrationStatus: "SUBMITTED",
    });
    delivery.sms.state.registrations.find((entry) => entry.RegistrationId === "registration-poll")!.RegistrationStatus =
      "REQUIRES_UPDATES";
    await pollPhoneNumberStatuses();
    const service = await makeService();
    const refused = await failure(
      assignPhoneNumber({
        actor: admin,
        serviceId: service.id,
        awsId: requested.awsId,
        asSender: true,
        asInbound: false,
      }),
    );
    expect(refused.message).toMatch(/its registration is needs changes/);

    delivery.sms.state.registrations.find((entry) => entry.RegistrationId === "registration-poll")!.RegistrationStatus =
      "COMPLETE";
    const polled = await pollPhoneNumberStatuses();
    expect(polled.changed).toBeGreaterThan(0);
    expect(await db.phoneNumber.findUniqueOrThrow({ where: { awsId: requested.awsId } })).toMatchObject({
      status: "ACTIVE",
      registrationStatus: "COMPLETE",
    });
    await assignPhoneNumber({
      actor: admin,
      serviceId: service.id,
      awsId: requested.awsId,
      asSender: true,
      asInbound: false,
    });
    // Settled: the next round leaves it alone.
    const before = delivery.sms.operations.filter((operation) => operation === "DescribeRegistrations").length;
    await pollPhoneNumberStatuses();
    expect(await db.phoneNumber.count({ where: { awsId: requested.awsId, status: "ACTIVE" } })).toBe(1);
    expect(delivery.sms.operations.filter((operation) => operation === "DescribeRegistrations").length).toBe(before);
  });
});

describe("registrations from Tidings", () => {
  const filledIn = () =>
    Object.fromEntries(
      REGISTRATION_FIELDS.US_TOLL_FREE_REGISTRATION.map((field) => [
        field.path,
        field.choices ? Object.keys(field.choices)[0]! : field.email ? "support@example.gov" : "Example",
      ]),
    );

  it("creates a toll-free registration with its fields, submits it, and the poller follows it to a number", async () => {
    const clientToken = randomUUID();
    const { registrationId } = await createPhoneRegistration({
      actor: admin,
      registrationType: "US_TOLL_FREE_REGISTRATION",
      values: filledIn(),
      clientToken,
    });
    const registration = delivery.sms.state.registrations.find((entry) => entry.RegistrationId === registrationId)!;
    expect(registration).toMatchObject({
      RegistrationType: "US_TOLL_FREE_REGISTRATION",
      RegistrationStatus: "CREATED",
    });
    expect(registration.Fields?.["companyInfo.companyName"]).toEqual({ TextValue: "Example" });
    expect(registration.Fields?.["messagingUseCase.useCaseCategory"]).toEqual({
      SelectChoices: ["TWO_FACTOR_AUTHENTICATION"],
    });
    expect(await listRegistrations()).toContainEqual({
      id: registrationId,
      type: "US_TOLL_FREE_REGISTRATION",
      status: "CREATED",
    });
    // The same form sent again is the same registration.
    await createPhoneRegistration({
      actor: admin,
      registrationType: "US_TOLL_FREE_REGISTRATION",
      values: filledIn(),
      clientToken,
    });
    expect(delivery.sms.state.registrations.filter((entry) => entry.RegistrationId === registrationId)).toHaveLength(1);
    expect(delivery.sms.state.registrations.length).toBe(
      new Set(delivery.sms.state.registrations.map((entry) => entry.RegistrationId)).size,
    );

    expect(await submitPhoneRegistration({ actor: admin, registrationId })).toEqual({ status: "SUBMITTED" });
    expect(registration.RegistrationStatus).toBe("SUBMITTED");
    const again = await failure(submitPhoneRegistration({ actor: admin, registrationId }));
    expect(again.message).toBe("The registration is already submitted.");
    const locked = await failure(
      createPhoneRegistration({
        actor: admin,
        registrationType: "US_TOLL_FREE_REGISTRATION",
        values: filledIn(),
        clientToken,
      }),
    );
    expect(locked.message).toMatch(/can no longer be changed/);
    expect(
      await db.auditEvent.findMany({
        where: {
          action: { startsWith: "phone_registration." },
          details: { path: ["registrationId"], equals: registrationId },
        },
        select: { action: true },
        orderBy: { createdAt: "asc" },
      }),
    ).toEqual([
      { action: "phone_registration.created" },
      { action: "phone_registration.created" },
      { action: "phone_registration.submitted" },
    ]);

    const requested = await requestPhoneNumber({
      actor: admin,
      ...simulator({ numberType: "TOLL_FREE", capabilities: ["SMS"], registrationId }),
    });
    await pollPhoneNumberStatuses();
    expect(await db.phoneNumber.findUniqueOrThrow({ where: { awsId: requested.awsId } })).toMatchObject({
      status: "PENDING",
      registrationStatus: "SUBMITTED",
    });
  });

  it("says beside each field what is missing or what AWS refused", async () => {
    const mistakes = await failure(
      createPhoneRegistration({
        actor: admin,
        registrationType: "US_TOLL_FREE_REGISTRATION",
        values: { ...filledIn(), "companyInfo.city": "", "contactInfo.supportEmail": "nobody" },
        clientToken: randomUUID(),
      }),
    );
    expect(mistakes.fieldErrors).toEqual({
      "companyInfo.city": "Enter city",
      "contactInfo.supportEmail": "Support email address must be an email address, like support@example.com",
    });

    delivery.sms.failNext("PutRegistrationFieldValue", {
      type: "ValidationException",
      message: "The website is not reachable",
      Reason: "INVALID_PARAMETER",
      Fields: [{ Name: "TextValue", Message: "The website is not reachable" }],
    });
    const refused = await failure(
      createPhoneRegistration({
        actor: admin,
        registrationType: "US_TOLL_FREE_REGISTRATION",
        values: filledIn(),
        clientToken: randomUUID(),
      }),
    );
    expect(refused.fieldErrors).toEqual({
      "companyInfo.companyName": "AWS did not accept the request: The website is not reachable",
    });

    delivery.sms.failNext("CreateRegistration", {
      type: "ServiceQuotaExceededException",
      message: "Too many",
      Reason: "REGISTRATIONS_PER_ACCOUNT",
    });
    const quota = await failure(
      createPhoneRegistration({
        actor: admin,
        registrationType: "US_TOLL_FREE_REGISTRATION",
        values: filledIn(),
        clientToken: randomUUID(),
      }),
    );
    expect(quota.message).toBe("The AWS account already has as many registrations as its quota allows.");
  });

  it("says which fields AWS still wants when a draft is submitted, and when there is no such registration", async () => {
    const { registrationId } = await createPhoneRegistration({
      actor: admin,
      registrationType: "US_TOLL_FREE_REGISTRATION",
      values: filledIn(),
      clientToken: randomUUID(),
    });
    delete delivery.sms.state.registrations.find((entry) => entry.RegistrationId === registrationId)!.Fields![
      "companyInfo.website"
    ];
    const missing = await failure(submitPhoneRegistration({ actor: admin, registrationId }));
    expect(missing.code).toBe("validation");
    expect(missing.message).toBe("AWS did not accept the request: companyInfo.website is required");
    const unknown = await failure(submitPhoneRegistration({ actor: admin, registrationId: "registration-nope" }));
    expect(unknown.message).toMatch(/AWS has no registration registration-nope/);
  });
});

describe("opt-out lists", () => {
  async function serviceWithNumber() {
    const service = await makeService();
    const number = await activeNumber();
    await assignPhoneNumber({
      actor: admin,
      serviceId: service.id,
      awsId: number.PhoneNumberId,
      asSender: true,
      asInbound: true,
    });
    const text = (body: string, from: string) =>
      db.$transaction((tx) =>
        planInboundText({
          originationNumber: from,
          destinationNumber: number.PhoneNumber,
          messageBody: body,
          inboundMessageId: randomUUID(),
        }).effects!(tx, null),
      );
    return { service, number, list: () => delivery.sms.state.optOutLists[`tidings-${service.id}`]!, text };
  }

  it("keeps AWS's list in step with STOP, START and a number taken off by a team member, per service", async () => {
    const first = await serviceWithNumber();
    const second = await serviceWithNumber();
    await first.text("STOP", "+14255550001");
    await waitFor("AWS's list to have the STOP", async () => first.list()["+14255550001"]);
    // Another service's list is not touched: a STOP to one service does not silence the other.
    expect(second.list()).toEqual({});

    await first.text("START", "+14255550001");
    await waitFor("AWS's list to lose the START", async () => !first.list()["+14255550001"]);

    await first.text("STOP", "+14255550002");
    await waitFor("the second STOP", async () => first.list()["+14255550002"]);
    const [entry] = await listOptedOutNumbers(first.service.id);
    await removeSuppression({ actor: admin, serviceId: first.service.id, entryId: entry!.id });
    await waitFor("the removal to reach AWS", async () => !first.list()["+14255550002"]);
  });

  it("takes off AWS's list only the number a START or a team member took off ours, never a STOP AWS recorded first", async () => {
    const { service, list, text } = await serviceWithNumber();
    // AWS records a STOP on its list itself, before our inbound webhook has heard of it.
    list()["+14255550005"] = { at: Math.floor(Date.now() / 1000), endUser: true };
    await text("STOP", "+14255550006");
    await waitFor("AWS's list to have the STOP", async () => list()["+14255550006"]);
    await text("START", "+14255550006");
    await waitFor("AWS's list to lose the START", async () => !list()["+14255550006"]);
    await text("STOP", "+14255550007");
    await waitFor("the second STOP", async () => list()["+14255550007"]);
    const [entry] = await listOptedOutNumbers(service.id);
    await removeSuppression({ actor: admin, serviceId: service.id, entryId: entry!.id });
    await waitFor("the removal to reach AWS", async () => !list()["+14255550007"]);
    expect(Object.keys(list())).toEqual(["+14255550005"]);
  });

  it("reconciles nightly: reports differences and settles them on the safe side", async () => {
    const { service, list, text } = await serviceWithNumber();
    await text("STOP", "+14255550003");
    await waitFor("AWS's list to have the STOP", async () => list()["+14255550003"]);
    // Opted out in AWS only (a STOP we never heard), and in Tidings only (AWS lost it).
    list()["+14255550004"] = { at: Math.floor(Date.now() / 1000), endUser: true };
    delete list()["+14255550003"];

    const differences = await reconcileOptOutLists();
    expect(differences).toContainEqual({ serviceId: service.id, onlyInAws: 1, onlyInTidings: 1 });
    expect(Object.keys(list()).sort()).toEqual(["+14255550003", "+14255550004"]);
    expect((await listOptedOutNumbers(service.id)).map((entry) => [entry.number, entry.how]).sort()).toEqual([
      ["+14255550003", "keyword"],
      ["+14255550004", "keyword"],
    ]);
    expect(
      await db.auditEvent.findFirst({
        where: { serviceId: service.id, action: "opt_out_list.reconciled" },
        select: { details: true },
      }),
    ).toMatchObject({ details: { onlyInAws: 1, onlyInTidings: 1 } });
    expect((await reconcileOptOutLists()).find((difference) => difference.serviceId === service.id)).toBeUndefined();
  });
});

describe("sending from a number", () => {
  it("refuses a voice-only number and another country's recipients unless international sending is on", async () => {
    await db.phoneNumber.create({
      data: {
        awsId: `phone-${randomUUID()}`,
        number: "+12065559001",
        isoCountryCode: "US",
        numberType: "LONG_CODE",
        messageType: "TRANSACTIONAL",
        capabilities: ["VOICE"],
        status: "ACTIVE",
      },
    });
    await db.phoneNumber.create({
      data: {
        awsId: `phone-${randomUUID()}`,
        number: "+12065559002",
        isoCountryCode: "US",
        numberType: "LONG_CODE",
        messageType: "TRANSACTIONAL",
        capabilities: ["SMS"],
        status: "ACTIVE",
      },
    });
    expect((await failure(checkSenderCanText("+12065559001", "+14255550100"))).message).toMatch(
      /cannot send text messages: it is a voice number/,
    );
    expect((await failure(checkSenderCanText("+12065559002", "+447911123456"))).message).toMatch(
      /can only send to phone numbers in US: international sending is off/,
    );
    await expect(checkSenderCanText("+12065559002", "+14255550100")).resolves.toBeUndefined();
    await expect(checkSenderCanText("PARKING", "+447700900123")).resolves.toBeUndefined();
  });
});

describe("the platform's own number and spend", () => {
  it("warns in health until a platform number is chosen, when texts go through AWS", async () => {
    process.env.SMS_PROVIDER = "pinpoint";
    resetConfig();
    try {
      expect((await checkHealth()).warnings).toEqual([expect.stringMatching(/No platform number is set/)]);
      const number = await activeNumber();
      await setPlatformNumber({ actor: admin, origin: { kind: "phone-number", awsId: number.PhoneNumberId } });
      expect((await checkHealth()).warnings).toEqual([]);
    } finally {
      delete process.env.SMS_PROVIDER;
      resetConfig();
    }
  });

  it("sends Tidings' own texts from a pool or a sender ID of the account, when one is chosen instead of a number", async () => {
    const { listPools, listSenderIds } = await import("@/lib/phone-numbers/origination-identities");
    const { platformSmsSender } = await import("@/lib/platform/admin-queries");
    expect(await listPools()).toEqual([
      { kind: "pool", poolId: "pool-example", status: "ACTIVE", messageType: "TRANSACTIONAL" },
    ]);
    expect(await listSenderIds()).toEqual([
      { kind: "sender-id", senderId: "TIDINGS", country: "GB", messageTypes: ["TRANSACTIONAL"] },
    ]);
    await setPlatformNumber({ actor: admin, origin: { kind: "pool", poolId: "pool-example" } });
    expect(await platformSmsSender()).toBe("pool-example");
    await setPlatformNumber({ actor: admin, origin: { kind: "sender-id", senderId: "TIDINGS", country: "GB" } });
    expect(await platformSmsSender()).toBe("TIDINGS");
    // Back to the pool: the same sender again, not a second one.
    await setPlatformNumber({ actor: admin, origin: { kind: "pool", poolId: "pool-example" } });
    expect(await platformSmsSender()).toBe("pool-example");
    expect(
      await db.serviceSmsSender.count({
        where: { service: { isPlatformService: true }, sender: "pool-example", archivedAt: null },
      }),
    ).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "platform.sms_origin_set" } })).toBe(3);
    // And back to a number the platform already sends from: it is the default again, not the pool.
    const number = await activeNumber();
    await setPlatformNumber({ actor: admin, origin: { kind: "phone-number", awsId: number.PhoneNumberId } });
    await setPlatformNumber({ actor: admin, origin: { kind: "pool", poolId: "pool-example" } });
    await setPlatformNumber({ actor: admin, origin: { kind: "phone-number", awsId: number.PhoneNumberId } });
    expect(await platformSmsSender()).toBe(number.PhoneNumber);
    expect(
      await db.serviceSmsSender.count({
        where: { service: { isPlatformService: true }, sender: number.PhoneNumber, archivedAt: null },
      }),
    ).toBe(1);

    const noPool = await failure(setPlatformNumber({ actor: admin, origin: { kind: "pool", poolId: "pool-nope" } }));
    expect(noPool.message).toMatch(/AWS has no pool pool-nope/);
    const noSenderId = await failure(
      setPlatformNumber({ actor: admin, origin: { kind: "sender-id", senderId: "TIDINGS", country: "FR" } }),
    );
    expect(noSenderId.message).toMatch(/AWS has no sender ID TIDINGS\/FR/);
    delivery.sms.state.pools![0]!.Status = "CREATING";
    try {
      const creating = await failure(
        setPlatformNumber({ actor: admin, origin: { kind: "pool", poolId: "pool-example" } }),
      );
      expect(creating.message).toBe("Pool pool-example is not active yet (AWS says creating)");
    } finally {
      delivery.sms.state.pools![0]!.Status = "ACTIVE";
    }
    delivery.sms.failNext("DescribePools", {
      type: "AccessDeniedException",
      message: "no",
      Reason: "ACCOUNT_DISABLED",
    });
    const denied = await failure(listPools());
    expect(denied.message).toBe("AWS refused: the AWS account is disabled for End User Messaging SMS.");
  });

  it("adds up this month's prices once per message against AWS's spend limit, warning from 80%", async () => {
    const event = (messageId: string, price: number, eventType: string) => ({
      snsMessageId: randomUUID(),
      source: "sms",
      eventType,
      providerMessageId: messageId,
      payload: { eventType, messageId, totalMessagePrice: price },
      appliedAt: new Date(),
    });
    await db.providerEvent.createMany({
      data: [event("m1", 40, "TEXT_SUCCESSFUL"), event("m1", 40, "TEXT_DELIVERED"), event("m2", 30, "TEXT_DELIVERED")],
    });
    expect(await smsSpendThisMonth()).toEqual({ spent: 70, limit: 100, warning: false });
    await db.providerEvent.createMany({ data: [event("m3", 15, "TEXT_DELIVERED")] });
    expect(await smsSpendThisMonth()).toEqual({ spent: 85, limit: 100, warning: true });
  });
});
