import "server-only";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { requirePlatformAdmin, requireServicePermission, type ServiceWrite } from "@/lib/permissions";
import { updateServiceSettings } from "./update-service-settings";

const REQUESTED = "service.go_live_requested";
const REJECTED = "service.go_live_rejected";

const volume = (label: string, noun: string) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.coerce
      .number({ error: `Enter how many ${noun} a year you expect to send (0 if none)` })
      .int(`${label} must be a whole number`)
      .min(0, `${label} cannot be negative`)
      .max(1_000_000_000, `${label} is too large`),
  );
export const goLiveRequestSchema = z.object({
  emailsPerYear: volume("Emails a year", "emails"),
  textsPerYear: volume("Text messages a year", "text messages"),
  purpose: z
    .string()
    .trim()
    .min(1, "Say what the service sends and to whom")
    .max(2_000, "Keep this under 2,000 characters"),
});

/**
 * A trial service asks a platform administrator to make it live, with the volumes it expects, as
 * in GOV.UK Notify. Needs "manage service". Recorded in the audit log, which is where admins find it.
 */
export async function requestGoLive({
  actor,
  serviceId,
  ...input
}: ServiceWrite<z.input<typeof goLiveRequestSchema>>): Promise<void> {
  await requireServicePermission(actor, serviceId, "manage_service");
  const request = parseInput(goLiveRequestSchema, input);
  const service = await db.service.findUniqueOrThrow({ where: { id: serviceId }, select: { trialMode: true } });
  if (!service.trialMode) throw new AppError("conflict", "This service is already live");
  if (await pendingRequest(serviceId))
    throw new AppError("conflict", "You have already asked to go live. A platform administrator will look at it.");
  await recordAuditEvent(db, {
    action: REQUESTED,
    serviceId,
    userId: actor.userId,
    subjectType: "service",
    subjectId: serviceId,
    details: request,
  });
}

// The latest request or refusal decides: a request after a refusal is waiting again.
async function latestDecision(serviceId: string) {
  const service = await db.service.findUnique({ where: { id: serviceId }, select: { trialMode: true } });
  if (!service?.trialMode) return null;
  return db.auditEvent.findFirst({
    where: { serviceId, action: { in: [REQUESTED, REJECTED] } },
    orderBy: { createdAt: "desc" },
    select: { action: true, createdAt: true, details: true },
  });
}

async function pendingRequest(serviceId: string) {
  const latest = await latestDecision(serviceId);
  return latest?.action === REQUESTED ? latest : null;
}

/** Whether a service is waiting for a platform administrator to make it live, and since when. */
export async function goLiveRequestOf(serviceId: string): Promise<Date | null> {
  return (await pendingRequest(serviceId))?.createdAt ?? null;
}

/** The reason a platform administrator gave for not making the service live, until it asks again. */
export async function goLiveRejectionOf(serviceId: string): Promise<{ rejectedAt: Date; reason: string } | null> {
  const latest = await latestDecision(serviceId);
  if (latest?.action !== REJECTED) return null;
  return { rejectedAt: latest.createdAt, reason: String((latest.details as { reason?: unknown }).reason ?? "") };
}

const rejectionSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(1, "Say why the service cannot go live yet, so its team knows what to change")
    .max(1_000, "Keep the reason under 1,000 characters"),
});

/** A platform administrator refuses a request to go live, with a reason the service's team sees. */
export async function rejectGoLive({
  actor,
  serviceId,
  ...input
}: ServiceWrite<z.input<typeof rejectionSchema>>): Promise<void> {
  requirePlatformAdmin(actor);
  const { reason } = parseInput(rejectionSchema, input);
  if (!(await pendingRequest(serviceId))) throw new AppError("conflict", "This service is not waiting to go live");
  await recordAuditEvent(db, {
    action: REJECTED,
    serviceId,
    userId: actor.userId,
    subjectType: "service",
    subjectId: serviceId,
    details: { reason },
  });
}

export type GoLiveRequest = {
  serviceId: string;
  serviceName: string;
  requestedAt: Date;
  requestedBy: string | null;
  emailsPerYear: number;
  textsPerYear: number;
  purpose: string;
};

/** Trial services that asked to go live, oldest request first, for platform administrators. */
export async function listGoLiveRequests(): Promise<GoLiveRequest[]> {
  const events = await db.auditEvent.findMany({
    where: { action: { in: [REQUESTED, REJECTED] } },
    orderBy: { createdAt: "asc" },
    select: { serviceId: true, userId: true, createdAt: true, details: true, action: true },
  });
  const latest = new Map(events.map((event) => [event.serviceId!, event]));
  for (const [serviceId, event] of latest) if (event.action === REJECTED) latest.delete(serviceId);
  const [services, users] = await Promise.all([
    db.service.findMany({
      where: { id: { in: [...latest.keys()] }, trialMode: true, active: true },
      select: { id: true, name: true },
    }),
    db.user.findMany({
      where: { id: { in: events.flatMap((event) => (event.userId ? [event.userId] : [])) } },
      select: { id: true, email: true },
    }),
  ]);
  const emails = new Map(users.map((user) => [user.id, user.email]));
  return services
    .map((service) => {
      const event = latest.get(service.id)!;
      const details = event.details as { emailsPerYear: number; textsPerYear: number; purpose: string };
      return {
        serviceId: service.id,
        serviceName: service.name,
        requestedAt: event.createdAt,
        requestedBy: event.userId ? (emails.get(event.userId) ?? null) : null,
        ...details,
      };
    })
    .sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime());
}

/** A platform administrator makes a service live. */
export async function approveGoLive({ actor, serviceId }: ServiceWrite): Promise<void> {
  requirePlatformAdmin(actor);
  await updateServiceSettings({ actor, serviceId, trialMode: false });
}
