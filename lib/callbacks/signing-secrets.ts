import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { decryptSecret, encryptSecret, randomToken } from "@/lib/crypto/secrets";
import { db } from "@/lib/db";
import { requireServicePermission, type ServiceWrite } from "@/lib/permissions";

/** How long a replaced signing secret keeps signing beside the new one. */
const SIGNING_SECRET_OVERLAP_HOURS = 24;

/**
 * Makes a new secret for signing the service's callbacks and answers it: this is the only time it
 * is shown. The secrets it replaces keep signing beside it for SIGNING_SECRET_OVERLAP_HOURS, so a
 * receiver can switch to the new one without refusing any callback. Needs "manage API integration".
 */
export async function rotateCallbackSigningSecret({ actor, serviceId }: ServiceWrite): Promise<{ secret: string }> {
  await requireServicePermission(actor, serviceId, "manage_api_keys");
  const secret = `tidings_whsec_${randomToken(32)}`;
  const now = new Date();
  const overlapEnds = new Date(now.getTime() + SIGNING_SECRET_OVERLAP_HOURS * 3_600_000);
  await db.$transaction(async (tx) => {
    await tx.callbackSigningSecret.deleteMany({ where: { serviceId, expiresAt: { lte: now } } });
    const { count } = await tx.callbackSigningSecret.updateMany({
      where: { serviceId, OR: [{ expiresAt: null }, { expiresAt: { gt: overlapEnds } }] },
      data: { expiresAt: overlapEnds },
    });
    await tx.callbackSigningSecret.create({
      data: { serviceId, secretEncrypted: encryptSecret(secret), createdById: actor.userId },
    });
    await recordAuditEvent(tx, {
      action: count > 0 ? "service.signing_secret_rotated" : "service.signing_secret_created",
      serviceId,
      userId: actor.userId,
      subjectType: "service",
      subjectId: serviceId,
    });
  });
  return { secret };
}

/** The service's signing secrets in use (when each was made and until when it signs), newest first; no secrets. */
export async function listCallbackSigningSecrets(serviceId: string, now: Date = new Date()) {
  return db.callbackSigningSecret.findMany({
    where: { serviceId, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, expiresAt: true },
  });
}

/** The secrets a callback is signed with now, newest first. */
export async function activeSigningSecrets(serviceId: string, now: Date = new Date()): Promise<string[]> {
  const rows = await db.callbackSigningSecret.findMany({
    where: { serviceId, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    orderBy: { createdAt: "desc" },
    select: { secretEncrypted: true },
  });
  return rows.map((row) => decryptSecret(row.secretEncrypted));
}
