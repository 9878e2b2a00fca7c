import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeService, makeTemplate } from "../support/factories";
import { acceptNotification } from "../support/accepted-notifications";
import { deliveryHarnessForThisFile } from "../support/delivery-harness";
import { emailTag } from "../support/ses-stand-in";
import { waitFor } from "../support/wait";

const delivery = deliveryHarnessForThisFile({ ses: true });

describe("the worker as production runs it (compiled, plain node)", () => {
  it("starts its sending threads and hands email to SES from them", async () => {
    await delivery.startWorkerProcess({ built: true });
    const template = await makeTemplate((await makeService()).id, { type: "email" });
    const notification = await acceptNotification(template);

    const stored = await waitFor("SES's MessageId to be stored", async () => {
      const row = await db.notification.findUniqueOrThrow({ where: { id: notification.id } });
      return row.providerReference ? row : null;
    });
    const calls = delivery.ses.calls.filter((call) => emailTag(call.request, "notification_id") === notification.id);
    expect(calls.map((call) => call.messageId)).toEqual([stored.providerReference]);
  });
});
