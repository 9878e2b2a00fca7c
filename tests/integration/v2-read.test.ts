import { OPERATOR } from "@/lib/permissions";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { measureSms, smsPrefixOf } from "@/lib/templates/sms";
import { updateTemplate } from "@/lib/templates/update-template";
import { failureOf, apiServerForThisFile } from "../support/api-harness";
import { makeApiKey, makeService, makeTemplate, makeUser } from "../support/factories";

const api = apiServerForThisFile();
let service: Awaited<ReturnType<typeof makeService>>;
let emailTemplate: Awaited<ReturnType<typeof makeTemplate>>;
let smsTemplate: Awaited<ReturnType<typeof makeTemplate>>;
let liveKey: string;
let teamKey: string;

beforeAll(async () => {
  const author = await makeUser({ email: "author@example.gov", name: "Ann Author" });
  service = await makeService({ trialMode: false, members: [{ userId: author.id }] });
  await db.service.update({ where: { id: service.id }, data: { emailMessageLimit: 10_000 } });
  const { createTemplate } = await import("@/lib/templates/create-template");
  emailTemplate = await createTemplate({
    actor: { userId: author.id, isPlatformAdmin: false },
    serviceId: service.id,
    type: "email",
    name: "Welcome",
    subject: "Hello ((First name))",
    content: "# Welcome ((First name))\n\nSee ((link))",
  });
  smsTemplate = await makeTemplate(service.id, { type: "sms", content: "Code ((code))" });
  liveKey = (await makeApiKey(service.id, "normal")).key;
  teamKey = (await makeApiKey(service.id, "team")).key;
});

describe("GET /v2/notifications/{id}", () => {
  it("returns Notify's notification body", async () => {
    const client = api.client(liveKey);
    const sent = (
      await client.sendEmail(emailTemplate.id, "reader@example.com", {
        personalisation: { "first name": "Ada", link: "https://x.gov" },
        reference: "ref-1",
      })
    ).data;
    const { data } = await client.getNotificationById(sent.id);
    expect(data).toEqual({
      id: sent.id,
      reference: "ref-1",
      email_address: "reader@example.com",
      phone_number: null,
      line_1: null,
      line_2: null,
      line_3: null,
      line_4: null,
      line_5: null,
      line_6: null,
      postcode: null,
      postage: null,
      type: "email",
      status: "created",
      template: {
        id: emailTemplate.id,
        version: 1,
        uri: `${api.url()}/services/${service.id}/templates/${emailTemplate.id}`,
      },
      body: "# Welcome Ada\n\nSee https://x.gov",
      subject: "Hello Ada",
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
      created_by_name: null,
      sent_at: null,
      completed_at: null,
      scheduled_for: null,
      one_click_unsubscribe_url: null,
      is_cost_data_ready: true,
      cost_in_pounds: 0,
      cost_details: {},
    });
  });

  it("costs a text message by the fragments of what the phone gets, the service's name before the body included", async () => {
    const texting = await makeService({ trialMode: false });
    const client = api.client((await makeApiKey(texting.id, "normal")).key);
    // "Service 1a2b3c4d: " and 98 characters fit one fragment (160); before 150 characters it makes two (153 each).
    for (const [length, fragments] of [
      [98, 1],
      [150, 2],
    ] as const) {
      const body = "x".repeat(length);
      expect(measureSms(body, smsPrefixOf(texting)).fragments).toBe(fragments);
      const template = await makeTemplate(texting.id, { type: "sms", content: body });
      const sent = (await client.sendSms(template.id, "07123456789")).data;
      const { data } = await client.getNotificationById(sent.id);
      expect(data.body).toBe(body);
      expect(data.cost_details).toEqual({
        billable_sms_fragments: fragments,
        international_rate_multiplier: 1,
        sms_rate: config().SMS_FRAGMENT_RATE,
      });
      expect(config().SMS_FRAGMENT_RATE).toBeGreaterThan(0);
      expect(data.cost_in_pounds).toBeCloseTo(fragments * config().SMS_FRAGMENT_RATE, 6);
    }
  });

  it("answers 404 for an unknown id or another service's notification, 400 for a malformed one", async () => {
    const other = await makeService({ trialMode: false });
    const otherTemplate = await makeTemplate(other.id, { type: "sms" });
    const otherNotification = (
      await api
        .client((await makeApiKey(other.id, "normal")).key)
        .sendSms(otherTemplate.id, "07123456789", { personalisation: { name: "a", code: "1" } })
    ).data;
    for (const id of ["00000000-0000-4000-8000-000000000000", otherNotification.id]) {
      expect((await failureOf(api.client(liveKey).getNotificationById(id))).data).toEqual({
        status_code: 404,
        errors: [{ error: "NoResultFound", message: "No result found" }],
      });
    }
    expect((await failureOf(api.client(liveKey).getNotificationById("nope"))).data).toEqual({
      status_code: 400,
      errors: [{ error: "ValidationError", message: "notification_id is not a valid UUID" }],
    });
  });
});

describe("GET /v2/notifications", () => {
  it("lists only this key type's notifications, newest first, with filters", async () => {
    const live = api.client(liveKey);
    const a = (
      await live.sendEmail(emailTemplate.id, "list@example.com", {
        personalisation: { "first name": "A", link: "l" },
        reference: "batch-7",
      })
    ).data;
    const b = (
      await live.sendSms(smsTemplate.id, "07123456789", { personalisation: { code: "1" }, reference: "batch-7" })
    ).data;
    await api
      .client(teamKey)
      .sendSms(smsTemplate.id, "07123456789", { personalisation: { code: "1" } })
      .catch(() => undefined);

    const all = (await live.getNotifications(undefined, undefined, "batch-7")).data;
    expect(all.notifications.map((notification: { id: string }) => notification.id)).toEqual([b.id, a.id]);
    expect(all.links.current).toBe(`${api.url()}/v2/notifications?reference=batch-7`);
    expect(all.links.next).toBe(`${api.url()}/v2/notifications?reference=batch-7&older_than=${a.id}`);

    expect(
      (await live.getNotifications("sms", undefined, "batch-7")).data.notifications.map(
        (notification: { id: string }) => notification.id,
      ),
    ).toEqual([b.id]);
    expect((await live.getNotifications("email", "created", "batch-7")).data.notifications).toHaveLength(1);
    expect((await live.getNotifications(undefined, "delivered", "batch-7")).data.notifications).toEqual([]);
    expect(
      (await live.getNotifications(undefined, undefined, "batch-7", b.id)).data.notifications.map(
        (notification: { id: string }) => notification.id,
      ),
    ).toEqual([a.id]);
    const empty = (await live.getNotifications(undefined, undefined, "batch-7", a.id)).data;
    expect(empty).toEqual({ notifications: [], links: { current: `${api.url()}/v2/notifications?reference=batch-7` } });
  });

  it("treats `failed` as every failure and accepts repeated statuses", async () => {
    const live = api.client(liveKey);
    const failed = (
      await live.sendEmail(emailTemplate.id, "failed@example.com", {
        personalisation: { "first name": "A", link: "l" },
        reference: "failures",
      })
    ).data;
    await db.notification.update({ where: { id: failed.id }, data: { status: "permanent_failure" } });
    expect((await live.getNotifications(undefined, "failed", "failures")).data.notifications).toHaveLength(1);
    const both = await fetch(
      `${api.url()}/v2/notifications?status=created&status=permanent-failure&reference=failures`,
      {
        headers: {
          Authorization: `Bearer ${(await import("@/lib/api-keys/jwt")).signToken({ iss: service.id, iat: Math.floor(Date.now() / 1000) }, liveKey.slice(-36))}`,
        },
      },
    );
    expect((await both.json()).notifications).toHaveLength(1);
  });

  it("validates filters with Notify's messages", async () => {
    const failure = await failureOf(api.client(liveKey).getNotifications(undefined, "elephant"));
    expect(failure.data.errors[0]).toEqual({
      error: "ValidationError",
      message: expect.stringMatching(/^status elephant is not one of \[cancelled, created, sending/),
    });
  });
});

describe("templates", () => {
  it("serves a template, a version, and the list", async () => {
    const client = api.client(liveKey);
    const { data } = await client.getTemplateById(emailTemplate.id);
    expect(data).toEqual({
      id: emailTemplate.id,
      type: "email",
      created_at: expect.stringMatching(/Z$/),
      updated_at: null,
      created_by: "author@example.gov",
      version: 1,
      body: "# Welcome ((First name))\n\nSee ((link))",
      subject: "Hello ((First name))",
      name: "Welcome",
      personalisation: { "First name": { required: true }, link: { required: true } },
      postage: null,
      letter_contact_block: null,
    });
    await updateTemplate({
      actor: OPERATOR,
      serviceId: service.id,
      templateId: emailTemplate.id,
      name: "Welcome",
      subject: "Hi ((First name))",
      content: "Changed",
    });
    expect((await client.getTemplateById(emailTemplate.id)).data).toMatchObject({
      version: 2,
      subject: "Hi ((First name))",
      updated_at: expect.stringMatching(/Z$/),
    });
    expect((await client.getTemplateByIdAndVersion(emailTemplate.id, 1)).data).toMatchObject({
      version: 1,
      subject: "Hello ((First name))",
      body: "# Welcome ((First name))\n\nSee ((link))",
    });
    expect((await failureOf(client.getTemplateByIdAndVersion(emailTemplate.id, 9))).status).toBe(404);

    const list = (await client.getAllTemplates()).data.templates.map((template: { id: string }) => template.id);
    expect(list).toEqual(expect.arrayContaining([emailTemplate.id, smsTemplate.id]));
    expect((await client.getAllTemplates("sms")).data.templates.map((template: { id: string }) => template.id)).toEqual(
      [smsTemplate.id],
    );
    expect((await client.getAllTemplates("letter")).data.templates).toEqual([]);
  });

  it("previews a template with personalisation", async () => {
    const template = await makeTemplate(service.id, {
      type: "email",
      subject: "About ((thing))",
      content: "## ((thing)) is ready\n\nCollect it",
    });
    const { data } = await api.client(liveKey).previewTemplateById(template.id, { thing: "<b>Parcel</b>" });
    expect(data).toMatchObject({
      id: template.id,
      type: "email",
      version: 1,
      subject: "About <b>Parcel</b>",
      body: "## <b>Parcel</b> is ready\n\nCollect it",
      postage: null,
    });
    expect(data.html).toContain("&lt;b&gt;Parcel&lt;/b&gt; is ready</h3>");
    const missing = await failureOf(api.client(liveKey).previewTemplateById(template.id, {}));
    expect(missing.data).toEqual({
      status_code: 400,
      errors: [{ error: "BadRequestError", message: "Missing personalisation: thing" }],
    });
    expect((await failureOf(api.client(liveKey).getTemplateById("00000000-0000-4000-8000-000000000000"))).status).toBe(
      404,
    );
    expect((await failureOf(api.client(liveKey).getTemplateById("bad"))).data.errors[0]!.message).toBe(
      "id is not a valid UUID",
    );
  });
});

describe("GET /v2/received-text-messages", () => {
  it("pages through the texts the service received", async () => {
    const client = api.client(liveKey);
    expect((await client.getReceivedTexts()).data).toEqual({
      received_text_messages: [],
      links: { current: `${api.url()}/v2/received-text-messages` },
    });
    const older = await db.inboundSms.create({
      data: {
        serviceId: service.id,
        userNumber: "+447123456789",
        notifyNumber: "+447700900999",
        content: "Yes please",
        createdAt: new Date(Date.now() - 60_000),
      },
    });
    const newer = await db.inboundSms.create({
      data: { serviceId: service.id, userNumber: "+447123456788", notifyNumber: "+447700900999", content: "STOP" },
    });
    const page = (await client.getReceivedTexts()).data;
    expect(page.received_text_messages.map((message: { id: string }) => message.id)).toEqual([newer.id, older.id]);
    expect(page.received_text_messages[0]).toEqual({
      id: newer.id,
      user_number: "+447123456788",
      notify_number: "+447700900999",
      content: "STOP",
      created_at: expect.stringMatching(/Z$/),
      service_id: service.id,
    });
    expect(page.links.next).toBe(`${api.url()}/v2/received-text-messages?older_than=${older.id}`);
    expect(
      (await client.getReceivedTexts(newer.id)).data.received_text_messages.map(
        (message: { id: string }) => message.id,
      ),
    ).toEqual([older.id]);
  });
});

describe("GET /v2/openapi.json", () => {
  it("describes every route under app/v2, from the schemas that validate it", async () => {
    const document = await (await fetch(`${api.url()}/v2/openapi.json`)).json();
    expect(document.openapi).toBe("3.1.0");
    // Answer in the API's error format for anything else, and describe the API itself.
    // Letters, which Tidings does not send, answer as Notify does for a service without them.
    const undocumented = ["/v2/{unknown}", "/v2/openapi.json", "/v2/notifications/letter"];
    const routes = v2RouteFiles();
    expect(routes.length).toBeGreaterThan(8);
    for (const { file, path } of routes) {
      const handlers = (await import(`@/${file}`)) as Record<string, unknown>;
      const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((method) => method in handlers);
      expect(methods.length, file).toBeGreaterThan(0);
      if (undocumented.includes(path)) continue;
      for (const method of methods)
        expect(document.paths[path]?.[method.toLowerCase()], `${method} ${path}`).toBeDefined();
    }
    expect(document.components.schemas.PostEmailRequest.required).toEqual(["email_address", "template_id"]);
    expect(document.components.schemas.PostEmailRequest.additionalProperties).toBe(false);
    expect(document.components.schemas.PostSmsRequest.properties).toHaveProperty("sms_sender_id");
    expect(document.paths["/v2/notifications/email"].post.responses["201"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/PostEmailResponse",
    });
    expect(
      document.paths["/v2/template/{templateId}/version/{version}"].get.parameters.map((p: { name: string }) => p.name),
    ).toEqual(["templateId", "version"]);
  });
});

/** Every route.ts under app/v2 with its OpenAPI path (`[id]` → `{id}`, `[...rest]` → `{rest}`). */
function v2RouteFiles(directory = "app/v2"): { file: string; path: string }[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const file = join(directory, entry.name);
    if (entry.isDirectory()) return v2RouteFiles(file);
    if (entry.name !== "route.ts") return [];
    const path = `/${relative("app", directory)}`.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, "{$1}");
    return [{ file, path }];
  });
}
