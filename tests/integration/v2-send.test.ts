import { OPERATOR } from "@/lib/permissions";
import { beforeAll, describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { recentBouncesAndComplaints } from "@/lib/deliverability/events";
import { deliverabilityOf } from "@/lib/deliverability/rates";
import { renderEmail } from "@/lib/templates/render";
import { updateTemplate } from "@/lib/templates/update-template";
import { failureOf, apiServerForThisFile } from "../support/api-harness";
import { authorizationFor } from "../support/api-token";
import { deliveryHarnessForThisFile } from "../support/delivery-harness";
import { makeApiKey, makeService, makeTemplate, makeUser } from "../support/factories";
import { waitFor } from "../support/wait";

const api = apiServerForThisFile();
deliveryHarnessForThisFile({ env: { SIMULATED_DELIVERY_DELAY_MS: "0" }, worker: true });

let service: Awaited<ReturnType<typeof makeService>>;
let emailTemplate: Awaited<ReturnType<typeof makeTemplate>>;
let smsTemplate: Awaited<ReturnType<typeof makeTemplate>>;
let keys: Record<"normal" | "team" | "test", string>;

beforeAll(async () => {
  const member = await makeUser({ email: "member@example.gov" });
  await db.user.update({ where: { id: member.id }, data: { mobileNumber: "+447123456780" } });
  service = await makeService({ name: "Parking permits", trialMode: false, members: [{ userId: member.id }] });
  await db.service.update({ where: { id: service.id }, data: { emailMessageLimit: 1000, smsMessageLimit: 1000 } });
  emailTemplate = await makeTemplate(service.id, { type: "email" });
  smsTemplate = await makeTemplate(service.id, { type: "sms" });
  keys = {
    normal: (await makeApiKey(service.id, "normal")).key,
    team: (await makeApiKey(service.id, "team")).key,
    test: (await makeApiKey(service.id, "test")).key,
  };
});

const statusOf = async (id: string) => (await db.notification.findUniqueOrThrow({ where: { id } })).status;

describe("POST /v2/notifications/email with the official client", () => {
  it("accepts an email and answers with Notify's body", async () => {
    const response = await api.client(keys.normal).sendEmail(emailTemplate.id, "Someone@Example.com", {
      personalisation: { name: "Ada", reference: "ABC-123" },
      reference: "my-ref-1",
      oneClickUnsubscribeURL: "https://example.gov/unsubscribe/1",
    });
    expect(response.status).toBe(201);
    const body = response.data;
    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      reference: "my-ref-1",
      content: {
        body: "Dear Ada,\n\nYour reference is ABC-123.\n\nhttps://example.gov/track",
        subject: "Hello Ada",
        from_email: `${service.emailSenderLocalPart}@${config().emailDomain}`,
        one_click_unsubscribe_url: "https://example.gov/unsubscribe/1",
      },
      uri: `${api.url()}/v2/notifications/${body.id}`,
      template: {
        id: emailTemplate.id,
        version: 1,
        uri: `${api.url()}/services/${service.id}/templates/${emailTemplate.id}`,
      },
      scheduled_for: null,
    });
    const stored = await db.notification.findUniqueOrThrow({ where: { id: body.id } });
    expect(stored).toMatchObject({
      recipient: "Someone@Example.com",
      normalisedRecipient: "someone@example.com",
      keyType: "normal",
      clientReference: "my-ref-1",
    });
    // This file's worker may already have picked it up.
    expect(["created", "sending", "delivered"]).toContain(stored.status);
  });

  it("honours sanitise_content_for: the named values are sent unlinked and reported in sanitised_content", async () => {
    const { data } = await api.client(keys.normal).sendEmail(emailTemplate.id, "sanitised@example.com", {
      personalisation: { name: "https://evil.example/login", reference: "https://example.org/ok" },
      sanitiseContentFor: ["Name", "not-in-the-template"],
    });
    const sanitised = "https:\u200B//evil.\u200Bexample/login";
    expect(data.sanitised_content).toEqual({ name: { unsanitised: "https://evil.example/login", sanitised } });
    expect(data.content.body).toBe(
      `Dear ${sanitised},\n\nYour reference is https://example.org/ok.\n\nhttps://example.gov/track`,
    );
    const stored = await db.notification.findUniqueOrThrow({ where: { id: data.id } });
    const html = renderEmail({ subject: "", content: emailTemplate.content }, stored.personalisation as never).html;
    expect(html).not.toContain("evil.example/login</a>");
    expect(html).toContain('href="https://example.org/ok"');
  });

  it("stores the notification and its delivery job together", async () => {
    const { data } = await api
      .client(keys.normal)
      .sendEmail(emailTemplate.id, "queued@example.com", { personalisation: { name: "A", reference: "B" } });
    const [job] = await db.$queryRaw<
      { name: string }[]
    >`SELECT name FROM pgboss.job WHERE data->>'notificationId' = ${data.id}`;
    expect(job?.name).toBe("deliver-email");
  });

  it("renders the template version that was current when it was sent", async () => {
    const template = await makeTemplate(service.id, { type: "email", content: "First ((name)) ((reference))" });
    await updateTemplate({
      actor: OPERATOR,
      serviceId: service.id,
      templateId: template.id,
      name: template.name,
      subject: "New subject ((name))",
      content: "Second ((name)) ((reference))",
    });
    const { data } = await api
      .client(keys.normal)
      .sendEmail(template.id, "v@example.com", { personalisation: { name: "A", reference: "B" } });
    expect(data.template.version).toBe(2);
    expect(data.content).toMatchObject({ body: "Second A B", subject: "New subject A" });
  });
});

describe("POST /v2/notifications/sms with the official client", () => {
  it("accepts a text message, normalising the number", async () => {
    const { status, data } = await api.client(keys.normal).sendSms(smsTemplate.id, "07123 456 789", {
      personalisation: { name: "Ada", code: "123456" },
      reference: "sms-ref",
    });
    expect(status).toBe(201);
    expect(data).toMatchObject({
      reference: "sms-ref",
      content: { body: "Hi Ada, your code is 123456", from_number: config().DEFAULT_SMS_SENDER },
      scheduled_for: null,
    });
    const stored = await db.notification.findUniqueOrThrow({ where: { id: data.id } });
    expect(stored).toMatchObject({ normalisedRecipient: "+447123456789", billableUnits: 1, international: false });
  });

  it("uses the chosen SMS sender and refuses another service's", async () => {
    const sender = await db.serviceSmsSender.create({
      data: { serviceId: service.id, sender: "PARKING", isDefault: false },
    });
    const { data } = await api
      .client(keys.normal)
      .sendSms(smsTemplate.id, "07123456789", { personalisation: { name: "A", code: "1" }, smsSenderId: sender.id });
    expect(data.content.from_number).toBe("PARKING");
    const other = await makeService();
    const foreign = await db.serviceSmsSender.create({ data: { serviceId: other.id, sender: "OTHER" } });
    const failure = await failureOf(
      api
        .client(keys.normal)
        .sendSms(smsTemplate.id, "07123456789", { personalisation: { name: "A", code: "1" }, smsSenderId: foreign.id }),
    );
    expect(failure.data).toEqual({
      status_code: 400,
      errors: [
        {
          error: "BadRequestError",
          message: `sms_sender_id ${foreign.id} does not exist in database for service id ${service.id}`,
        },
      ],
    });
  });
  it("refuses a sender that is a voice-only number, or a number that cannot text another country", async () => {
    const accountNumber = (number: string, capabilities: string[]) =>
      db.phoneNumber.create({
        data: {
          awsId: `phone-${number.slice(1)}`,
          number,
          isoCountryCode: "US",
          numberType: "LONG_CODE",
          messageType: "TRANSACTIONAL",
          capabilities,
          status: "ACTIVE",
        },
      });
    const voice = await accountNumber("+12065559101", ["VOICE"]);
    const chosen = await db.serviceSmsSender.create({
      data: { serviceId: service.id, sender: voice.number, phoneNumberId: voice.id },
    });
    const personalisation = { name: "A", code: "1" };
    expect(
      (
        await failureOf(
          api.client(keys.normal).sendSms(smsTemplate.id, "07123456789", { personalisation, smsSenderId: chosen.id }),
        )
      ).data,
    ).toEqual({
      status_code: 400,
      errors: [
        {
          error: "BadRequestError",
          message: "The text message sender +12065559101 cannot send text messages: it is a voice number",
        },
      ],
    });

    // Another service whose default sender is a US number without international sending.
    const american = await makeService({ trialMode: false });
    const us = await accountNumber("+12065559102", ["SMS"]);
    await db.serviceSmsSender.create({
      data: { serviceId: american.id, sender: us.number, phoneNumberId: us.id, isDefault: true },
    });
    const template = await makeTemplate(american.id, { type: "sms" });
    const key = (await makeApiKey(american.id, "normal")).key;
    expect((await failureOf(api.client(key).sendSms(template.id, "07123456789", { personalisation }))).data).toEqual({
      status_code: 400,
      errors: [
        {
          error: "BadRequestError",
          message:
            "The text message sender +12065559102 can only send to phone numbers in US: international sending is off for it",
        },
      ],
    });
    expect(await db.notification.count({ where: { serviceId: american.id } })).toBe(0);
  });
});

describe("sending rules", () => {
  const personalisation = { name: "Ada", reference: "R" };

  it("refuses missing personalisation, naming every missing field", async () => {
    const failure = await failureOf(
      api.client(keys.normal).sendEmail(emailTemplate.id, "a@example.com", { personalisation: { Name: "Ada" } }),
    );
    expect(failure.status).toBe(400);
    expect(failure.data.errors).toEqual([{ error: "BadRequestError", message: "Missing personalisation: reference" }]);
  });

  it("refuses unknown, archived and wrong-type templates", async () => {
    const unknown = await failureOf(
      api.client(keys.normal).sendEmail("00000000-0000-4000-8000-000000000000", "a@example.com", { personalisation }),
    );
    expect(unknown.data.errors).toEqual([{ error: "BadRequestError", message: "Template not found" }]);
    const otherService = await makeService();
    const foreign = await makeTemplate(otherService.id);
    expect(
      (await failureOf(api.client(keys.normal).sendEmail(foreign.id, "a@example.com", { personalisation }))).data
        .errors[0]!.message,
    ).toBe("Template not found");
    const archived = await makeTemplate(service.id);
    await updateTemplate({
      actor: OPERATOR,
      serviceId: service.id,
      templateId: archived.id,
      name: archived.name,
      subject: archived.subject,
      content: archived.content,
      archived: true,
    });
    expect(
      (await failureOf(api.client(keys.normal).sendEmail(archived.id, "a@example.com", { personalisation }))).data
        .errors[0]!.message,
    ).toBe("Template has been deleted");
    expect(
      (await failureOf(api.client(keys.normal).sendEmail(smsTemplate.id, "a@example.com", { personalisation }))).data
        .errors[0]!.message,
    ).toBe("sms template is not suitable for email notification");
  });

  it("validates recipients with Notify's messages", async () => {
    const email = await failureOf(
      api.client(keys.normal).sendEmail(emailTemplate.id, "not-an-email", { personalisation }),
    );
    expect(email.data).toEqual({
      status_code: 400,
      errors: [{ error: "ValidationError", message: "email_address Not a valid email address" }],
    });
    const phone = await failureOf(
      api.client(keys.normal).sendSms(smsTemplate.id, "0123", { personalisation: { name: "A", code: "1" } }),
    );
    expect(phone.data.errors[0]!.error).toBe("ValidationError");
    expect(phone.data.errors[0]!.message).toMatch(/^phone_number /);
    const letters = await failureOf(
      api.client(keys.normal).sendSms(smsTemplate.id, "07700 9OO 123", { personalisation: { name: "A", code: "1" } }),
    );
    expect(letters.data.errors[0]!.message).toBe(
      "phone_number Mobile numbers can only include: 0 1 2 3 4 5 6 7 8 9 ( ) + -",
    );
  });

  it("refuses international numbers unless the service allows them", async () => {
    const refused = await failureOf(
      api
        .client(keys.normal)
        .sendSms(smsTemplate.id, "+33 6 12 34 56 78", { personalisation: { name: "A", code: "1" } }),
    );
    expect(refused.data.errors).toEqual([
      { error: "BadRequestError", message: "Cannot send to international mobile numbers" },
    ]);
    await db.service.update({ where: { id: service.id }, data: { canSendInternationalSms: true } });
    const { data } = await api
      .client(keys.normal)
      .sendSms(smsTemplate.id, "+33 6 12 34 56 78", { personalisation: { name: "A", code: "1" } });
    expect((await db.notification.findUniqueOrThrow({ where: { id: data.id } })).international).toBe(true);
    await db.service.update({ where: { id: service.id }, data: { canSendInternationalSms: false } });
  });

  it("refuses a text message longer than 918 characters", async () => {
    const failure = await failureOf(
      api
        .client(keys.normal)
        .sendSms(smsTemplate.id, "07123456789", { personalisation: { name: "a".repeat(950), code: "1" } }),
    );
    expect(failure.data.errors[0]!.message).toMatch(
      /^Your message is too long\. Text messages cannot be longer than 918 characters\. Your message is \d+ characters\.$/,
    );
  });

  it("lets a team key send only to team members and the guest list", async () => {
    const refused = await failureOf(
      api.client(keys.team).sendEmail(emailTemplate.id, "stranger@example.com", { personalisation }),
    );
    expect(refused.data.errors).toEqual([
      { error: "BadRequestError", message: "Can’t send to this recipient using a team-only API key" },
    ]);
    expect(
      (await api.client(keys.team).sendEmail(emailTemplate.id, "MEMBER@example.gov", { personalisation })).status,
    ).toBe(201);
    expect(
      (
        await api
          .client(keys.team)
          .sendSms(smsTemplate.id, "07123 456780", { personalisation: { name: "A", code: "1" } })
      ).status,
    ).toBe(201);
    await db.serviceGuestListEntry.create({
      data: { serviceId: service.id, recipientType: "email", recipient: "guest@example.com" },
    });
    expect(
      (await api.client(keys.team).sendEmail(emailTemplate.id, "guest@example.com", { personalisation })).status,
    ).toBe(201);
  });

  it("limits a service in trial mode to its team and guest list, even with a live key", async () => {
    await db.service.update({ where: { id: service.id }, data: { trialMode: true } });
    const refused = await failureOf(
      api.client(keys.normal).sendEmail(emailTemplate.id, "stranger@example.com", { personalisation }),
    );
    expect(refused.data.errors[0]).toEqual({
      error: "BadRequestError",
      message: `Can’t send to this recipient when service is in trial mode – see ${config().publicUrl}/docs/trial-mode`,
    });
    expect(
      (await api.client(keys.normal).sendEmail(emailTemplate.id, "member@example.gov", { personalisation })).status,
    ).toBe(201);
    // Test keys send to anyone, and nothing really goes out.
    expect(
      (await api.client(keys.test).sendEmail(emailTemplate.id, "stranger@example.com", { personalisation })).status,
    ).toBe(201);
    await db.service.update({ where: { id: service.id }, data: { trialMode: false } });
  });

  it("enforces the daily limit with TooManyRequestsError, not counting test keys or simulated recipients", async () => {
    const limited = await makeService({ trialMode: false });
    await db.service.update({ where: { id: limited.id }, data: { emailMessageLimit: 2 } });
    const template = await makeTemplate(limited.id);
    const key = (await makeApiKey(limited.id, "normal")).key;
    const testKey = (await makeApiKey(limited.id, "test")).key;
    const client = api.client(key);
    await client.sendEmail(template.id, "one@example.com", { personalisation });
    await api.client(testKey).sendEmail(template.id, "free@example.com", { personalisation });
    await client.sendEmail(template.id, "simulate-delivered@notifications.service.gov.uk", { personalisation });
    await client.sendEmail(template.id, "two@example.com", { personalisation });
    const failure = await failureOf(client.sendEmail(template.id, "three@example.com", { personalisation }));
    expect(failure.data).toEqual({
      status_code: 429,
      errors: [{ error: "TooManyRequestsError", message: "Exceeded send limits (email: 2) for today" }],
    });
    expect(
      await db.notification.count({ where: { serviceId: limited.id, normalisedRecipient: "three@example.com" } }),
    ).toBe(0);
  });
});

describe("test keys and simulated recipients", () => {
  const personalisation = { name: "Ada", reference: "R" };

  it("move a test key's notification to delivered without a provider", async () => {
    const { data } = await api.client(keys.test).sendEmail(emailTemplate.id, "anyone@example.com", { personalisation });
    await waitFor("delivered", async () => (await statusOf(data.id)) === "delivered");
    const stored = await db.notification.findUniqueOrThrow({
      where: { id: data.id },
      include: { statusChanges: { orderBy: { occurredAt: "asc" } } },
    });
    expect(stored.providerName).toBe("simulated");
    expect(stored.statusChanges.map((change) => change.toStatus)).toEqual(["sending", "delivered"]);
    expect(stored.sentAt).not.toBeNull();
    expect(stored.completedAt).not.toBeNull();
  });

  it.each([
    ["email", "temp-fail@simulator.notify", "temporary_failure"],
    ["email", "perm-fail@simulator.notify", "permanent_failure"],
    ["email", "simulate-delivered-2@notifications.service.gov.uk", "delivered"],
    ["sms", "07700900003", "temporary_failure"],
    ["sms", "07700 900002", "permanent_failure"],
    ["sms", "07700900111", "delivered"],
  ] as const)("gives %s recipient %s the outcome %s, with any key", async (type, recipient, outcome) => {
    const client = api.client(keys.normal);
    const { data } =
      type === "email"
        ? await client.sendEmail(emailTemplate.id, recipient, { personalisation })
        : await client.sendSms(smsTemplate.id, recipient, { personalisation: { name: "A", code: "1" } });
    await waitFor(outcome, async () => (await statusOf(data.id)) === outcome);
    expect((await db.notification.findUniqueOrThrow({ where: { id: data.id } })).providerName).toBe("simulated");
  });
});

describe("the simulator's events, as SES's own would arrive", () => {
  const personalisation = { name: "Ada", reference: "R" };

  async function sendFromNewService(recipient: string) {
    const sender = await makeService({ trialMode: false });
    const template = await makeTemplate(sender.id, { type: "email" });
    const client = api.client((await makeApiKey(sender.id, "normal")).key);
    const { data } = await client.sendEmail(template.id, recipient, { personalisation });
    return { serviceId: sender.id, notificationId: data.id };
  }

  it("records a permanent bounce: the address is suppressed and the bounces page's figures move off 0", async () => {
    const { serviceId, notificationId } = await sendFromNewService("perm-fail@simulator.notify");
    const suppression = await waitFor("the bounce's suppression", () =>
      db.suppressionEntry.findFirst({ where: { serviceId, recipient: "perm-fail@simulator.notify" } }),
    );
    expect(suppression).toMatchObject({ reason: "bounce", notificationId, bounceSubType: "General" });
    expect(await statusOf(notificationId)).toBe("permanent_failure");

    const [week] = (await deliverabilityOf(serviceId)).windows;
    expect(week).toMatchObject({ days: 7, sent: 1, bounced: 1, bounceRate: 1, complained: 0 });
    expect((await recentBouncesAndComplaints(serviceId, "bounce", 1)).items).toEqual([
      expect.objectContaining({
        kind: "bounce",
        recipient: "perm-fail@simulator.notify",
        detail: "Permanent bounce (General)",
        notificationId,
      }),
    ]);
  });

  it("records a complaint after delivery: stored, the address suppressed, and counted in the complaint rate", async () => {
    const { serviceId, notificationId } = await sendFromNewService("complaint@simulator.notify");
    const complaint = await waitFor("the complaint", () => db.complaint.findFirst({ where: { serviceId } }));
    expect(complaint).toMatchObject({
      notificationId,
      emailAddress: "complaint@simulator.notify",
      feedbackType: "abuse",
    });
    await waitFor("delivered", async () => (await statusOf(notificationId)) === "delivered");
    expect(
      await db.suppressionEntry.findFirst({ where: { serviceId, recipient: "complaint@simulator.notify" } }),
    ).toMatchObject({ reason: "complaint" });
    expect((await deliverabilityOf(serviceId)).windows[0]).toMatchObject({ sent: 1, complained: 1, bounced: 0 });
    expect((await recentBouncesAndComplaints(serviceId, "complaint", 1)).items).toEqual([
      expect.objectContaining({ kind: "complaint", recipient: "complaint@simulator.notify", notificationId }),
    ]);
  });

  it("reports no open for a message that is not tracked, as SES without a tracking configuration set", async () => {
    const { notificationId } = await sendFromNewService("simulate-delivered@notifications.service.gov.uk");
    await waitFor("delivered", async () => (await statusOf(notificationId)) === "delivered");
    // The simulator stores all of a message's events when it sends it, so any open would be there by now.
    const { providerReference } = await db.notification.findUniqueOrThrow({ where: { id: notificationId } });
    expect(
      await db.providerEvent.findMany({ where: { providerMessageId: providerReference }, select: { eventType: true } }),
    ).toEqual([{ eventType: "Delivery" }]);
    expect(await db.notificationEngagement.count({ where: { notificationId } })).toBe(0);
  });
});

describe("letters and other requests Tidings does not serve", () => {
  const letterRefusal = {
    status_code: 400,
    errors: [{ error: "BadRequestError", message: "Service is not allowed to send letters" }],
  };

  it("answers the official client's sendLetter and sendPrecompiledLetter as Notify does without letters", async () => {
    const client = api.client(keys.normal);
    const letter = await failureOf(
      client.sendLetter(emailTemplate.id, {
        personalisation: { address_line_1: "A Person", address_line_2: "1 Street", address_line_3: "SW1A 1AA" },
      }),
    );
    expect(letter).toMatchObject({ status: 400, data: letterRefusal });
    const precompiled = await failureOf(client.sendPrecompiledLetter("my-letter", Buffer.from("%PDF-1.4")));
    expect(precompiled).toMatchObject({ status: 400, data: letterRefusal });
  });

  it("answers every unknown path or method under /v2 in Notify's error shape", async () => {
    const authorization = { Authorization: authorizationFor(keys.normal) };
    const wrongMethod = await fetch(`${api.url()}/v2/notifications/${emailTemplate.id}`, {
      method: "DELETE",
      headers: authorization,
    });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("GET");
    expect(await wrongMethod.json()).toEqual({
      status_code: 405,
      errors: [{ error: "MethodNotAllowedError", message: "The method is not allowed for the requested URL." }],
    });
    // HEAD is GET without a body, as Next.js answers it.
    const head = await fetch(`${api.url()}/v2/templates`, { method: "HEAD", headers: authorization });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    for (const [method, path] of [
      ["PUT", "/v2/notifications/email"],
      ["GET", "/v2/notifications/letter"],
      ["GET", "/v2/notifications/letter/pdf"],
      ["POST", "/v2/templates"],
    ] as const) {
      const response = await fetch(`${api.url()}${path}`, { method, headers: authorization });
      expect(response.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      const body = (await response.json()) as { status_code: number; errors: { error: string; message: string }[] };
      expect(body.status_code, `${method} ${path}`).toBe(response.status);
      expect(body.errors[0]?.message, `${method} ${path}`).toEqual(expect.any(String));
    }
  });
});

describe("idempotency", () => {
  it("replays the first answer to a retry with the same Idempotency-Key and sends once", async () => {
    const { signToken } = await import("@/lib/api-keys/jwt");
    const send = (body: object) =>
      fetch(`${api.url()}/v2/notifications/email`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "Idempotency-Key": "order-42",
          Authorization: `Bearer ${signToken({ iss: service.id, iat: Math.floor(Date.now() / 1000) }, keys.normal.slice(-36))}`,
        },
        body: JSON.stringify(body),
      });
    const body = {
      template_id: emailTemplate.id,
      email_address: "once@example.com",
      personalisation: { name: "A", reference: "B" },
    };
    const [first, second] = await Promise.all([send(body), send(body)]);
    const [a, b] = [await first.json(), await second.json()];
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(b.id).toBe(a.id);
    expect(await db.notification.count({ where: { normalisedRecipient: "once@example.com" } })).toBe(1);
    const different = await send({ ...body, email_address: "other@example.com" });
    expect(different.status).toBe(409);
    expect(await different.json()).toEqual({
      status_code: 409,
      errors: [{ error: "ConflictError", message: "Idempotency-Key has already been used for a different request" }],
    });
  });
});

describe("scheduled sends", () => {
  it("accepts scheduled_for and queues the delivery for that time", async () => {
    const { signToken } = await import("@/lib/api-keys/jwt");
    const when = new Date(Date.now() + 3_600_000);
    const response = await fetch(`${api.url()}/v2/notifications/email`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Authorization: `Bearer ${signToken({ iss: service.id, iat: Math.floor(Date.now() / 1000) }, keys.normal.slice(-36))}`,
      },
      body: JSON.stringify({
        template_id: emailTemplate.id,
        email_address: "later@example.com",
        personalisation: { name: "A", reference: "B" },
        scheduled_for: when.toISOString(),
      }),
    });
    const body = await response.json();
    expect(response.status).toBe(201);
    expect(body.scheduled_for).toBe(when.toISOString().replace(/Z$/, "000Z"));
    const [job] = await db.$queryRaw<
      { start_after: Date }[]
    >`SELECT start_after FROM pgboss.job WHERE data->>'notificationId' = ${body.id}`;
    expect(Math.abs(job!.start_after.getTime() - when.getTime())).toBeLessThan(1000);
  });
});
