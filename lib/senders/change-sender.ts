import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { invalidateSettings } from "@/lib/cache/settings-cache";
import { db, type DbTransaction } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { isUuid } from "@/lib/validation";

type Where = { id?: string | { not: string }; serviceId: string; archivedAt?: null; isDefault?: boolean };

/** What reply-to addresses and text message senders share: one default per service, archived rather than deleted. */
type SenderTable = {
  findFirst(args: { where: Where }): Promise<{ isDefault: boolean } | null>;
  count(args: { where: Where }): Promise<number>;
  updateMany(args: { where: Where; data: { isDefault: boolean } }): Promise<unknown>;
  update(args: { where: { id: string }; data: { isDefault: boolean; archivedAt?: Date } }): Promise<unknown>;
};

export type SenderKind = {
  table: (tx: DbTransaction) => SenderTable;
  /** "Reply-to address", "Text message sender" */
  label: string;
  /** "address", "sender" */
  noun: string;
  /** Audit actions are `<auditPrefix>.removed` and `<auditPrefix>.made_default`. */
  auditPrefix: string;
};

export type SenderChange = "make-default" | "remove";

/**
 * Makes one of a service's senders its default, or removes it; a default can only be removed when
 * it is the last, so a service never has senders without a default. Needs "manage settings".
 * Removed senders are archived, not deleted: sent messages still name them.
 */
export async function changeSender({
  kind,
  actor,
  serviceId,
  senderId,
  change,
}: ServiceWrite<{ kind: SenderKind; senderId: string; change: SenderChange }>): Promise<void> {
  await requireServicePermission(actor, serviceId, "manage_service");
  if (!isUuid(senderId)) throw notFound(kind.label);
  await db.$transaction(async (tx) => {
    const table = kind.table(tx);
    const sender = await table.findFirst({ where: { id: senderId, serviceId, archivedAt: null } });
    if (!sender) throw notFound(kind.label);
    if (change === "make-default") {
      await table.updateMany({ where: { serviceId, isDefault: true }, data: { isDefault: false } });
      await table.update({ where: { id: senderId }, data: { isDefault: true } });
    } else {
      const others = await table.count({ where: { serviceId, archivedAt: null, id: { not: senderId } } });
      if (sender.isDefault && others > 0)
        throw new AppError("conflict", `Make another ${kind.noun} the default before removing this one`);
      await table.update({ where: { id: senderId }, data: { archivedAt: new Date(), isDefault: false } });
    }
    await recordAuditEvent(tx, {
      action: `${kind.auditPrefix}.${change === "remove" ? "removed" : "made_default"}`,
      serviceId,
      userId: actor.userId,
      subjectType: kind.auditPrefix,
      subjectId: senderId,
    });
  });
  invalidateSettings(serviceId);
}
