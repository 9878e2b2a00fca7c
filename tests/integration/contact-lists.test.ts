import { describe, expect, it } from "vitest";
import {
  deleteContactList,
  findContactList,
  listContactLists,
  saveContactList,
  sendTemplateToContactList,
} from "@/lib/contact-lists/contact-lists";
import { db } from "@/lib/db";
import { sendCheckedFile } from "@/lib/jobs/create-job";
import { expandJob } from "@/lib/jobs/expand-job";
import { OPERATOR } from "@/lib/permissions";
import { checkStoredRecipientFile } from "@/lib/recipient-files/check-stored-file";
import { objectInfo } from "@/lib/storage/s3";
import { makeService, makeTemplate } from "../support/factories";
import { emailCsv, makeLiveService } from "../support/recipient-files";
import { s3StandInForThisFile } from "../support/s3";

s3StandInForThisFile();

describe("contact lists", () => {
  it("saves a checked list in the contact lists bucket, sends a template to it, records its last use, and deletes it", async () => {
    const service = await makeLiveService((await makeService()).id);
    const template = await makeTemplate(service.id, { type: "email" });
    const body = Buffer.from(emailCsv(30));
    const listId = await saveContactList({
      actor: OPERATOR,
      serviceId: service.id,
      name: "Tenants",
      type: "email",
      fileName: "tenants.csv",
      sizeBytes: body.length,
      body,
    });
    const saved = (await findContactList(service.id, listId))!;
    expect(saved.file).toMatchObject({ bucket: "contactLists", status: "checking", templateId: null });
    await checkStoredRecipientFile(saved.file.id);
    const [listed] = await listContactLists(service.id);
    expect(listed).toMatchObject({ name: "Tenants", lastUsedAt: null, file: { status: "valid", rowCount: 30 } });
    expect(await objectInfo("contactLists", saved.file.objectKey)).not.toBeNull();

    const fileId = await sendTemplateToContactList({
      actor: OPERATOR,
      serviceId: service.id,
      contactListId: listId,
      templateId: template.id,
    });
    await checkStoredRecipientFile(fileId);
    const jobId = await sendCheckedFile({ actor: OPERATOR, serviceId: service.id, fileId });
    await expandJob(jobId);
    expect(await db.notification.count({ where: { jobId } })).toBe(30);
    expect((await findContactList(service.id, listId))!.lastUsedAt).not.toBeNull();

    await deleteContactList({ actor: OPERATOR, serviceId: service.id, contactListId: listId });
    expect(await listContactLists(service.id)).toEqual([]);
    expect(await objectInfo("contactLists", saved.file.objectKey)).toBeNull();
  });

  it("refuses a template of the other kind, a list without a name, and deleting a list a send still needs", async () => {
    const service = await makeLiveService((await makeService()).id);
    const sms = await makeTemplate(service.id, { type: "sms" });
    const email = await makeTemplate(service.id, { type: "email" });
    const body = Buffer.from(emailCsv(3));
    const upload = (name: string) =>
      saveContactList({
        actor: OPERATOR,
        serviceId: service.id,
        name,
        type: "email",
        fileName: "list.csv",
        sizeBytes: body.length,
        body,
      });
    await expect(upload("  ")).rejects.toThrow("Enter a name");
    const listId = await upload("People");
    await checkStoredRecipientFile((await findContactList(service.id, listId))!.file.id);
    await expect(
      sendTemplateToContactList({ actor: OPERATOR, serviceId: service.id, contactListId: listId, templateId: sms.id }),
    ).rejects.toThrow("Choose a template of the list’s kind");

    const fileId = await sendTemplateToContactList({
      actor: OPERATOR,
      serviceId: service.id,
      contactListId: listId,
      templateId: email.id,
    });
    await checkStoredRecipientFile(fileId);
    await sendCheckedFile({
      actor: OPERATOR,
      serviceId: service.id,
      fileId,
      scheduledFor: new Date(Date.now() + 3_600_000),
    });
    await expect(deleteContactList({ actor: OPERATOR, serviceId: service.id, contactListId: listId })).rejects.toThrow(
      "still under way or scheduled",
    );
  });
});
