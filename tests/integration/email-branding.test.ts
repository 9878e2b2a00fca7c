import { describe, expect, it } from "vitest";
import { GET as getLogo } from "@/app/branding/[brandingId]/logo/route";
import { createEmailBranding, setServiceEmailBranding, updateEmailBranding } from "@/lib/branding/manage-branding";
import { emailBrandingOfService } from "@/lib/branding/queries";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { emailMessageOf, sendableNotifications } from "@/lib/delivery/sendable-notifications";
import { isAppError } from "@/lib/errors";
import { ALL_PERMISSIONS, type Actor } from "@/lib/permissions";
import { makeService, makeTemplate, makeUser } from "../support/factories";
import { s3StandInForThisFile } from "../support/s3";

s3StandInForThisFile();

// The smallest PNG (1×1, transparent) and the start of a JPEG.
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082",
  "hex",
);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

async function admin(): Promise<Actor> {
  return { userId: (await makeUser({ isPlatformAdmin: true })).id, isPlatformAdmin: true };
}

async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string>> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error.fieldErrors;
}

describe("email branding", () => {
  it("is created and changed by platform admins only, with a PNG or JPEG logo in the branding bucket", async () => {
    const actor = await admin();
    const brandingId = await createEmailBranding({ actor, name: "Parks Department", colour: "#00703C", logo: PNG });
    const stored = await db.emailBranding.findUniqueOrThrow({ where: { id: brandingId } });
    expect(stored).toMatchObject({ name: "Parks Department", colour: "#00703c", logoContentType: "image/png" });

    const response = await getLogo(new Request("http://localhost/"), {
      params: Promise.resolve({ brandingId }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("cache-control")).toContain("max-age=31536000");
    expect(Buffer.from(await response.arrayBuffer()).equals(PNG)).toBe(true);

    await updateEmailBranding({ actor, brandingId, name: "Parks and Gardens", colour: "#1d70b8", logo: JPEG });
    const changed = await db.emailBranding.findUniqueOrThrow({ where: { id: brandingId } });
    expect(changed).toMatchObject({ name: "Parks and Gardens", logoContentType: "image/jpeg" });
    expect(changed.logoKey).not.toBe(stored.logoKey);
    // No new logo keeps the current one.
    await updateEmailBranding({ actor, brandingId, name: "Parks and Gardens", colour: "#1d70b8", logo: null });
    expect((await db.emailBranding.findUniqueOrThrow({ where: { id: brandingId } })).logoKey).toBe(changed.logoKey);

    const member = await makeUser();
    await expect(
      createEmailBranding({
        actor: { userId: member.id, isPlatformAdmin: false },
        name: "Mine",
        colour: "#000000",
        logo: null,
      }),
    ).rejects.toSatisfy((error) => isAppError(error, "forbidden"));
    expect(await db.emailBranding.count({ where: { name: "Mine" } })).toBe(0);

    const missing = await getLogo(new Request("http://localhost/"), {
      params: Promise.resolve({ brandingId: "nope" }),
    });
    expect(missing.status).toBe(404);
  });

  it("refuses every bad field at once, beside the field: no name, a colour that is not #rrggbb, an SVG logo", async () => {
    const actor = await admin();
    expect(await fieldErrorsOf(createEmailBranding({ actor, name: " ", colour: "blue", logo: SVG }))).toEqual({
      name: "Enter a name for the branding",
      colour: "Enter the colour as a hex code, like #1d70b8",
      logo: "The logo must be a PNG or JPEG image",
    });
    const tooBig = Buffer.concat([PNG, Buffer.alloc(600_000)]);
    expect(await fieldErrorsOf(createEmailBranding({ actor, name: "Big", colour: "#ffffff", logo: tooBig }))).toEqual({
      logo: expect.stringContaining("smaller than 500 KB"),
    });
    await createEmailBranding({ actor, name: "Taken", colour: "#ffffff", logo: null });
    expect(await fieldErrorsOf(createEmailBranding({ actor, name: "taken", colour: "#ffffff", logo: null }))).toEqual({
      name: "There is already a branding with this name",
    });
  });

  it("is given to a service by a platform admin, and its emails are sent with the banner and an absolute logo URL", async () => {
    const actor = await admin();
    const brandingId = await createEmailBranding({ actor, name: "Tidy <Town> & Co", colour: "#d4351c", logo: PNG });
    const owner = await makeUser();
    const service = await makeService({ members: [{ userId: owner.id, permissions: ALL_PERMISSIONS }] });

    // A team member with every permission of the service still cannot choose its branding.
    await expect(
      setServiceEmailBranding({
        actor: { userId: owner.id, isPlatformAdmin: false },
        serviceId: service.id,
        brandingId,
      }),
    ).rejects.toSatisfy((error) => isAppError(error, "forbidden"));
    expect(await emailBrandingOfService(service.id)).toBeNull();
    expect(
      await fieldErrorsOf(setServiceEmailBranding({ actor, serviceId: service.id, brandingId: "not-a-branding" })),
    ).toEqual({ brandingId: "Choose a branding from the list" });

    await setServiceEmailBranding({ actor, serviceId: service.id, brandingId });
    const look = await emailBrandingOfService(service.id);
    expect(look).toMatchObject({ name: "Tidy <Town> & Co", colour: "#d4351c" });
    expect(look!.logoUrl).toMatch(new RegExp(`^/branding/${brandingId}/logo\\?v=\\d+$`));

    const template = await makeTemplate(service.id, { subject: "Hello", content: "Your bin day has changed." });
    const notification = await db.notification.create({
      data: {
        serviceId: service.id,
        templateId: template.id,
        templateVersion: template.version,
        type: "email",
        recipient: "someone@example.com",
        normalisedRecipient: "someone@example.com",
        subject: "Hello",
        body: "Your bin day has changed.",
        keyType: "normal",
      },
    });
    const [sendable] = await sendableNotifications([notification.id]);
    const message = emailMessageOf(sendable!);
    expect(message.html).toContain(`<img src="${config().publicUrl}/branding/${brandingId}/logo?v=`);
    expect(message.html).toContain("background: #d4351c;");
    expect(message.html).toContain("Tidy &lt;Town&gt; &amp; Co");
    expect(message.html.indexOf("Tidy &lt;Town&gt;")).toBeLessThan(message.html.indexOf("Your bin day has changed."));

    // None again: the plain header.
    await setServiceEmailBranding({ actor, serviceId: service.id, brandingId: null });
    expect(await emailBrandingOfService(service.id)).toBeNull();
    const [plain] = await sendableNotifications([notification.id]);
    expect(emailMessageOf(plain!).html).not.toContain("Tidy");
    const audit = await db.auditEvent.findMany({ where: { serviceId: service.id, action: "email_branding.assigned" } });
    expect(audit).toHaveLength(2);
  });
});
