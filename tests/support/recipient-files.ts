import { db } from "@/lib/db";
import { OPERATOR } from "@/lib/permissions";
import { checkStoredRecipientFile } from "@/lib/recipient-files/check-stored-file";
import { uploadRecipientFile } from "@/lib/recipient-files/upload-recipient-file";

/** A service that may send many real messages: live, with high daily limits. */
export async function makeLiveService(serviceId: string, limit = 2_000_000) {
  return db.service.update({
    where: { id: serviceId },
    data: { trialMode: false, emailMessageLimit: limit, smsMessageLimit: limit },
  });
}

/** A CSV of `count` email rows for the factories' email template (name, reference). */
export function emailCsv(
  count: number,
  row = (index: number) => `person-${index}@example.com,Person ${index},REF-${index}`,
) {
  return ["email address,name,reference", ...Array.from({ length: count }, (_, index) => row(index))].join("\n") + "\n";
}

/** Uploads a file as the operator and checks it in this process (the worker's job, run directly). */
export async function uploadAndCheck(
  serviceId: string,
  templateId: string,
  fileName: string,
  content: Buffer | string,
) {
  const body = typeof content === "string" ? Buffer.from(content) : content;
  const fileId = await uploadRecipientFile({
    actor: OPERATOR,
    serviceId,
    templateId,
    fileName,
    sizeBytes: body.length,
    body,
  });
  await checkStoredRecipientFile(fileId);
  return db.recipientFile.findUniqueOrThrow({ where: { id: fileId } });
}
