import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { invalidateSettings } from "@/lib/cache/settings-cache";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requirePlatformAdmin, type ServiceWrite } from "@/lib/permissions";

/**
 * A platform administrator archives a service: its API keys stop working ("service is archived"),
 * messages not yet handed to a provider are not sent, and it leaves the list of live services. Its
 * data stays, under its retention, for its team to read.
 */
export async function archiveService({ actor, serviceId }: ServiceWrite): Promise<void> {
  requirePlatformAdmin(actor);
  await db.$transaction(async (tx) => {
    const { count } = await tx.service.updateMany({
      where: { id: serviceId, active: true, isPlatformService: false },
      data: { active: false },
    });
    if (count === 0) throw new AppError("conflict", "This service is already archived");
    await recordAuditEvent(tx, {
      action: "service.archived",
      serviceId,
      userId: actor.userId,
      subjectType: "service",
      subjectId: serviceId,
    });
  });
  invalidateSettings(serviceId);
}
