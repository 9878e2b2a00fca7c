import { v7 as uuidv7 } from "uuid";
import { deliveryQueueFor } from "@/lib/notifications/delivery-queue";
import { storeAcceptedNotification } from "@/lib/notifications/store-accepted";

type Template = { id: string; serviceId: string };

/**
 * Stores `count` emails with their delivery jobs through the API's own accept path (group commit,
 * 250 a transaction), as fast as it goes: a backlog for a worker to send.
 */
export async function queueEmails(
  template: Template,
  count: number,
  recipient = (index: number) => `bench-${index}@example.com`,
) {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 1000) {
    const chunk = Array.from({ length: Math.min(1000, count - start) }, (_, offset) => start + offset);
    await Promise.all(
      chunk.map((index) => {
        const id = uuidv7();
        ids.push(id);
        return storeAcceptedNotification({
          queue: deliveryQueueFor("email", "normal"),
          data: {
            id,
            createdAt: new Date(),
            serviceId: template.serviceId,
            templateId: template.id,
            templateVersion: 1,
            type: "email",
            recipient: recipient(index),
            normalisedRecipient: recipient(index),
            personalisation: { name: "Ada", reference: `R-${index}` },
            subject: "Hello Ada",
            body: `Dear Ada,\n\nYour reference is R-${index}.`,
            clientReference: null,
            apiKeyId: null,
            keyType: "normal",
            createdById: null,
            replyTo: null,
            smsSender: null,
            unsubscribeUrl: null,
            billableUnits: 1,
            international: false,
            scheduledFor: null,
            refuseIfSuppressed: false,
          },
        });
      }),
    );
  }
  return ids;
}
