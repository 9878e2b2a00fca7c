import "server-only";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { ServiceSettings } from "./schemas";

export type ServiceSummary = { id: string; name: string; trialMode: boolean; active: boolean };

/** The services the user is a member of, by name. */
export async function listServicesForUser(userId: string): Promise<ServiceSummary[]> {
  const memberships = await db.serviceMember.findMany({
    where: { userId },
    select: { service: { select: { id: true, name: true, trialMode: true, active: true } } },
    orderBy: { service: { name: "asc" } },
  });
  return memberships.map((membership) => membership.service);
}

export type ServiceDetails = ServiceSummary & ServiceSettings & { createdAt: Date; emailSenderLocalPart: string };

/** A service's settings. Callers check access first (requireServicePermission). */
export async function getServiceDetails(serviceId: string): Promise<ServiceDetails> {
  const service = await db.service.findUnique({
    where: { id: serviceId },
    select: {
      id: true,
      name: true,
      active: true,
      trialMode: true,
      emailMessageLimit: true,
      smsMessageLimit: true,
      rateLimit: true,
      emailRetentionDays: true,
      smsRetentionDays: true,
      prefixSms: true,
      canSendInternationalSms: true,
      emailSenderLocalPart: true,
      createdAt: true,
    },
  });
  if (!service) throw notFound("Service");
  return service;
}
