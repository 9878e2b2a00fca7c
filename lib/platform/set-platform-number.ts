import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { invalidateSettings } from "@/lib/cache/settings-cache";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assignPhoneNumber } from "@/lib/phone-numbers/assign-phone-number";
import { listPools, listSenderIds } from "@/lib/phone-numbers/origination-identities";
import { requirePlatformAdmin, type PlatformWrite } from "@/lib/permissions";
import { platformService } from "./platform-service";

/** What Tidings' own texts come from: one of the account's numbers, a pool of them, or a sender ID. */
export type PlatformOrigin =
  | { kind: "phone-number"; awsId: string }
  | { kind: "pool"; poolId: string }
  | { kind: "sender-id"; senderId: string; country: string };

/** The identity AWS sends from (SendTextMessage's OriginationIdentity), once AWS confirms it is usable. */
async function originationIdentity(origin: Exclude<PlatformOrigin, { kind: "phone-number" }>): Promise<string> {
  if (origin.kind === "pool") {
    const [pool] = await listPools([origin.poolId]);
    if (!pool) throw new AppError("not_found", `AWS has no pool ${origin.poolId}`);
    if (pool.status !== "ACTIVE")
      throw new AppError("conflict", `Pool ${origin.poolId} is not active yet (AWS says ${pool.status.toLowerCase()})`);
    return pool.poolId;
  }
  const [senderId] = await listSenderIds({ senderId: origin.senderId, country: origin.country });
  if (!senderId) throw new AppError("not_found", `AWS has no sender ID ${origin.senderId} for ${origin.country}`);
  return senderId.senderId;
}

/**
 * Chooses what Tidings' own texts (sign-in codes) come from: it becomes the default sender of the
 * platform's own service, which sends them. A number is given to that service as any number is; a
 * pool or sender ID becomes one of its senders by its AWS id. Platform admins only, audited.
 */
export async function setPlatformNumber({ actor, origin }: PlatformWrite<{ origin: PlatformOrigin }>): Promise<void> {
  requirePlatformAdmin(actor);
  const service = await platformService();
  if (origin.kind === "phone-number") {
    await assignPhoneNumber({
      actor,
      serviceId: service.id,
      awsId: origin.awsId,
      asSender: true,
      asInbound: false,
      makeDefault: true,
    });
    return;
  }
  const identity = await originationIdentity(origin);
  await db.$transaction(async (tx) => {
    await tx.serviceSmsSender.updateMany({
      where: { serviceId: service.id, isDefault: true },
      data: { isDefault: false },
    });
    const existing = await tx.serviceSmsSender.findFirst({
      where: { serviceId: service.id, sender: identity, archivedAt: null },
      select: { id: true },
    });
    if (existing) await tx.serviceSmsSender.update({ where: { id: existing.id }, data: { isDefault: true } });
    else await tx.serviceSmsSender.create({ data: { serviceId: service.id, sender: identity, isDefault: true } });
    await recordAuditEvent(tx, {
      action: "platform.sms_origin_set",
      serviceId: service.id,
      userId: actor.userId,
      subjectType: origin.kind,
      details: { ...origin, identity },
    });
  });
  invalidateSettings(service.id);
}
