import "server-only";
import { SENDING_SERVICE_FIELDS, type SendingService } from "@/lib/services/sending-service";
import { db, isUniqueViolation } from "@/lib/db";
import { OPERATOR } from "@/lib/permissions";
import { createTemplate } from "@/lib/templates/create-template";

const PLATFORM_SERVICE_NAME = "Tidings";

// The messages Tidings sends its own users. Priority templates go on the queue bulk sends never hold up.
const PLATFORM_TEMPLATES = {
  signInCodeEmail: {
    name: "Sign-in code (email)",
    type: "email",
    subject: "Your Tidings sign-in code",
    content:
      "((code)) is your Tidings sign-in code.\n\nIt expires in 15 minutes. If you did not try to sign in, change your password.",
  },
  signInCodeSms: {
    name: "Sign-in code (text message)",
    type: "sms",
    subject: null,
    content: "((code)) is your Tidings sign-in code. It expires in 15 minutes.",
  },
  invitation: {
    name: "Team invitation",
    type: "email",
    subject: "((inviter)) has invited you to ((service_name)) on Tidings",
    content:
      "((inviter)) has invited you to join ((service_name)) on Tidings, where the team sends emails and text messages.\n\nUse this link to join, within 2 days:\n\n((link))\n\nIf you were not expecting this, you can ignore this email.",
  },
  replyToCheck: {
    name: "Reply-to address check",
    type: "email",
    subject: "Your reply-to email address for ((service_name))",
    content:
      "This is a check that replies to messages from ((service_name)) can reach this address.\n\nYou do not need to do anything.",
  },
  backupFailed: {
    name: "Backup failed (platform admins)",
    type: "email",
    subject: "Tidings: the backup ((backup)) failed",
    content:
      "The nightly backup ((backup)) failed:\n\n((reason))\n\nUntil a backup succeeds there is no verified copy of the database newer than the last good one. See the Scheduled jobs page:\n\n((link))",
  },
  campaignPaused: {
    name: "Campaign paused itself (its team)",
    type: "email",
    subject: "Your campaign ((campaign)) has stopped sending",
    content:
      "Tidings has paused the campaign ((campaign)) of ((service_name)), and it sends nothing more until someone resumes it.\n\n((reason))\n\nEveryone it has not reached yet is still waiting, and nobody will get it twice: resuming carries on from the next person on the list. If it should not go on, cancel it instead.\n\nSee the campaign, and resume or cancel it:\n\n((link))\n\nYou are getting this email because you can send messages for ((service_name)).",
  },
} as const;
export type PlatformTemplate = keyof typeof PLATFORM_TEMPLATES;

/**
 * Tidings' own service, created the first time it is needed: it sends sign-in codes through the
 * same pipeline as every service's messages (the seeds' lesson: the platform needs its own sender).
 * Live, so it can send to anyone, with limits no person's sign-ins will reach.
 */
export async function platformService(): Promise<SendingService> {
  const existing = await db.service.findFirst({ where: { isPlatformService: true }, select: SENDING_SERVICE_FIELDS });
  if (existing) return existing;
  try {
    return await db.service.create({
      data: {
        name: PLATFORM_SERVICE_NAME,
        isPlatformService: true,
        trialMode: false,
        prefixSms: false,
        emailSenderLocalPart: "tidings",
        emailMessageLimit: 1_000_000,
        smsMessageLimit: 1_000_000,
        rateLimit: 100_000,
      },
      select: SENDING_SERVICE_FIELDS,
    });
  } catch (error) {
    // Two first sign-ins at once: the other one created it.
    if (!isUniqueViolation(error)) throw error;
    return db.service.findFirstOrThrow({ where: { isPlatformService: true }, select: SENDING_SERVICE_FIELDS });
  }
}

/** The id of one of the platform's templates, created with the service on first use. */
export async function platformTemplateId(service: SendingService, which: PlatformTemplate): Promise<string> {
  const definition = PLATFORM_TEMPLATES[which];
  const existing = await db.template.findFirst({
    where: { serviceId: service.id, name: definition.name, archived: false },
    select: { id: true },
  });
  if (existing) return existing.id;
  const created = await createTemplate({
    actor: OPERATOR,
    serviceId: service.id,
    ...definition,
    processType: "priority",
  });
  return created.id;
}
