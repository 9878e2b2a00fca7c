import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearServiceCallback, setServiceCallback } from "@/lib/callbacks/callback-settings";
import { getServiceCallbacks, listCallbackAttempts } from "@/lib/callbacks/queries";
import { listCallbackSigningSecrets, rotateCallbackSigningSecret } from "@/lib/callbacks/signing-secrets";
import { db } from "@/lib/db";
import { acceptNotification } from "../support/accepted-notifications";
import { startCallbackReceiver } from "../support/callback-receiver";
import { deliveryHarnessForThisFile } from "../support/delivery-harness";
import { makeService, makeTemplate, makeUser } from "../support/factories";
import { waitFor } from "../support/wait";

deliveryHarnessForThisFile({
  env: {
    CALLBACK_ALLOWED_PRIVATE_HOSTS: "127.0.0.1",
    CALLBACK_RETRY_DELAY_SECONDS: "1",
    SIMULATED_DELIVERY_DELAY_MS: "0",
  },
  worker: true,
});
let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;
let actor: { userId: string; isPlatformAdmin: boolean };
let service: Awaited<ReturnType<typeof makeService>>;
let template: Awaited<ReturnType<typeof makeTemplate>>;

beforeAll(async () => {
  receiver = await startCallbackReceiver();
  const member = await makeUser();
  actor = { userId: member.id, isPlatformAdmin: false };
  service = await makeService({ members: [{ userId: member.id }] });
  template = await makeTemplate(service.id, { type: "email" });
});
afterAll(async () => {
  await receiver?.close();
});

const callbacksFor = (notificationId: string) => receiver.received.filter((entry) => entry.body.id === notificationId);
const deliverOne = () =>
  acceptNotification(template, {
    recipient: "simulate-delivered@notifications.service.gov.uk",
    clientReference: "their-ref",
  });

describe("setting a service's callback", () => {
  const attempt = (url: string, bearerToken = "a-long-enough-token") =>
    setServiceCallback({ actor, serviceId: service.id, callbackType: "delivery_status", url, bearerToken });

  // 127.0.0.1 is exempt in this file (CALLBACK_ALLOWED_PRIVATE_HOSTS), as in development; other loopback addresses are not.
  it("refuses URLs that are not HTTPS or point at private, loopback or link-local addresses, and short tokens", async () => {
    await expect(attempt("http://callbacks.example.gov/notify")).rejects.toMatchObject({
      fieldErrors: { url: "The URL must start with https://" },
    });
    for (const url of [
      "https://10.1.2.3/notify",
      "https://127.0.0.2:8443/notify",
      "https://169.254.169.254/latest",
      "https://[::1]/notify",
      "https://localhost/notify",
    ]) {
      await expect(attempt(url)).rejects.toMatchObject({
        fieldErrors: { url: "The URL must be on the public internet, not a private or local address" },
      });
    }
    await expect(attempt("https://callbacks.example.gov/notify", "too-short")).rejects.toMatchObject({
      fieldErrors: { bearerToken: "The bearer token must be at least 10 characters" },
    });
    expect(await getServiceCallbacks(service.id)).toEqual([]);
  });

  it("needs permission to manage the API integration", async () => {
    const viewer = await makeUser();
    await db.serviceMember.create({
      data: { serviceId: service.id, userId: viewer.id, permissions: ["view_activity"] },
    });
    await expect(
      setServiceCallback({
        actor: { userId: viewer.id, isPlatformAdmin: false },
        serviceId: service.id,
        callbackType: "inbound_sms",
        url: "https://callbacks.example.gov/sms",
        bearerToken: "a-long-enough-token",
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("stores an HTTPS URL with an encrypted token, and clears it", async () => {
    await setServiceCallback({
      actor,
      serviceId: service.id,
      callbackType: "inbound_sms",
      url: "https://callbacks.example.gov/sms",
      bearerToken: "inbound-secret-token",
    });
    expect(await getServiceCallbacks(service.id)).toEqual([
      { callbackType: "inbound_sms", url: "https://callbacks.example.gov/sms", updatedAt: expect.any(Date) },
    ]);
    const stored = await db.serviceCallbackApi.findFirstOrThrow({ where: { serviceId: service.id } });
    expect(stored.bearerTokenEncrypted).not.toContain("inbound-secret-token");
    await clearServiceCallback({ actor, serviceId: service.id, callbackType: "inbound_sms" });
    expect(await getServiceCallbacks(service.id)).toEqual([]);
  });
});

describe("delivery-status callbacks from the worker", () => {
  beforeAll(async () => {
    // Allowed because CALLBACK_ALLOWED_PRIVATE_HOSTS names 127.0.0.1, as in development.
    await setServiceCallback({
      actor,
      serviceId: service.id,
      callbackType: "delivery_status",
      url: receiver.url,
      bearerToken: "service-callback-token",
    });
  });

  it("posts Notify's JSON with the service's bearer token when a notification reaches a final status", async () => {
    const notification = await deliverOne();
    const callback = await waitFor("the callback", async () => callbacksFor(notification.id)[0]);
    const stored = await db.notification.findUniqueOrThrow({ where: { id: notification.id } });
    expect(callback.authorization).toBe("Bearer service-callback-token");
    expect(callback.body).toEqual({
      id: notification.id,
      reference: "their-ref",
      to: "simulate-delivered@notifications.service.gov.uk",
      status: "delivered",
      created_at: stored.createdAt.toISOString().replace(/Z$/, "000Z"),
      completed_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
      sent_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      notification_type: "email",
      template_id: template.id,
      template_version: 1,
    });
    // The worker records the attempt once the receiver has answered, so a moment after the callback arrives.
    const attempt = await waitFor(
      "the attempt to be recorded",
      async () => (await listCallbackAttempts(service.id))[0],
    );
    expect(attempt).toMatchObject({
      subjectId: notification.id,
      callbackType: "delivery_status",
      attempt: 1,
      succeeded: true,
      statusCode: 200,
    });
  });

  it("retries after a 500 and records both attempts", async () => {
    receiver.answerNext(500);
    const notification = await deliverOne();
    await waitFor(
      "the retried callback to succeed",
      async () => (await db.callbackAttempt.count({ where: { subjectId: notification.id, succeeded: true } })) === 1,
      20_000,
    );
    expect(callbacksFor(notification.id)).toHaveLength(2);
    const attempts = (await listCallbackAttempts(service.id)).filter((entry) => entry.subjectId === notification.id);
    expect(attempts.map(({ attempt, succeeded, statusCode }) => ({ attempt, succeeded, statusCode }))).toEqual([
      { attempt: 2, succeeded: true, statusCode: 200 },
      { attempt: 1, succeeded: false, statusCode: 500 },
    ]);
  });

  it("records a refusal the service's endpoint gives (4xx) as a failure without retrying", async () => {
    receiver.answerNext(403);
    const notification = await deliverOne();
    const [failure] = await waitFor("the failed attempt", async () => {
      const failures = await listCallbackAttempts(service.id, { failedOnly: true });
      return (
        failures.some((entry) => entry.subjectId === notification.id) &&
        failures.filter((entry) => entry.subjectId === notification.id)
      );
    });
    expect(failure).toMatchObject({ statusCode: 403, succeeded: false, url: receiver.url });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(callbacksFor(notification.id)).toHaveLength(1);
  });
});

describe("signed callbacks", () => {
  const verifies = (entry: { rawBody: string; headers: Record<string, unknown> }, secret: string) => {
    const timestamp = String(entry.headers["tidings-timestamp"]);
    const expected = createHmac("sha256", secret).update(`${timestamp}.${entry.rawBody}`).digest("hex");
    return String(entry.headers["tidings-signature"]).split(", ").includes(`v1=${expected}`);
  };

  it("are unsigned until the service makes a signing secret, then carry an HMAC-SHA256 of timestamp and body", async () => {
    const unsigned = await deliverOne();
    const before = await waitFor("the unsigned callback", async () => callbacksFor(unsigned.id)[0]);
    expect(before.headers["tidings-signature"]).toBeUndefined();

    const { secret } = await rotateCallbackSigningSecret({ actor, serviceId: service.id });
    expect(await db.callbackSigningSecret.count({ where: { secretEncrypted: { contains: secret } } })).toBe(0);
    const signed = await deliverOne();
    const callback = await waitFor("the signed callback", async () => callbacksFor(signed.id)[0]);
    const timestamp = Number(callback.headers["tidings-timestamp"]);
    expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(600);
    expect(verifies(callback, secret)).toBe(true);
    expect(verifies({ ...callback, rawBody: callback.rawBody.replace("delivered", "failed") }, secret)).toBe(false);
  });

  it("sign with the old secret and the new one while a rotation overlaps, then with the new one only", async () => {
    const { secret: old } = await rotateCallbackSigningSecret({ actor, serviceId: service.id });
    const { secret: fresh } = await rotateCallbackSigningSecret({ actor, serviceId: service.id });
    const during = await deliverOne();
    const overlapping = await waitFor("the callback", async () => callbacksFor(during.id)[0]);
    expect(verifies(overlapping, fresh)).toBe(true);
    expect(verifies(overlapping, old)).toBe(true);
    expect(await listCallbackSigningSecrets(service.id)).toHaveLength(3);

    // Once the overlap is over the old secrets no longer sign.
    await db.callbackSigningSecret.updateMany({
      where: { serviceId: service.id, expiresAt: { not: null } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const after = await deliverOne();
    const single = await waitFor("the callback", async () => callbacksFor(after.id)[0]);
    expect(verifies(single, fresh)).toBe(true);
    expect(verifies(single, old)).toBe(false);
    expect(String(single.headers["tidings-signature"]).split(", ")).toHaveLength(1);
  });

  it("needs permission to manage the API integration to make a secret", async () => {
    const viewer = await makeUser();
    await db.serviceMember.create({
      data: { serviceId: service.id, userId: viewer.id, permissions: ["send_messages"] },
    });
    await expect(
      rotateCallbackSigningSecret({ actor: { userId: viewer.id, isPlatformAdmin: false }, serviceId: service.id }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });
});
