import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, isUniqueViolation } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";
import { z } from "zod";
import { listNameSchema } from "./schemas";

/** Starts an empty mailing list. Needs "send messages". */
export async function createMailingList({
  actor,
  serviceId,
  ...input
}: ServiceWrite<{ name: string }>): Promise<{ id: string }> {
  await requireServicePermission(actor, serviceId, "send_messages");
  const { name } = parseInput(z.object({ name: listNameSchema }), input);
  try {
    return await db.$transaction(async (tx) => {
      const list = await tx.mailingList.create({ data: { serviceId, name }, select: { id: true } });
      await recordAuditEvent(tx, {
        action: "mailing_list.created",
        serviceId,
        userId: actor.userId,
        subjectType: "mailing_list",
        subjectId: list.id,
        details: { name },
      });
      return list;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("conflict", "There is already a list with this name", {
        name: "There is already a list with this name",
      });
    throw error;
  }
}
