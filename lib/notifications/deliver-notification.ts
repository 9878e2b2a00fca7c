import "server-only";
import { smsPrefixOf, withSmsPrefix } from "@/lib/templates/sms";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { emailProviderFor, smsProviderFor } from "@/lib/providers/select-provider";
import { acquireSendToken } from "@/lib/providers/send-rate";
import { ProviderError, type SendOutcome } from "@/lib/providers/types";
import { renderEmail } from "@/lib/templates/render";
import { applyReceipt } from "./receipts";
import { simulatedOutcome } from "@/lib/recipients/simulated";
import { recordProviderReference, transitionStatus } from "./status-machine";

export type DeliveryResult = "sent" | "skipped" | "failed" | "uncertain";

export type DeliveryAttempt = { notificationId: string; isLastAttempt: boolean };

/**
 * Hands one notification to its provider, exactly once. The send is claimed first with a
 * conditional `created → sending` update, so a second worker (or a re-run job) finds nothing to do;
 * the provider is called only after the claim commits, and its reference stored after it answers.
 * A failure the provider reports before accepting releases the claim for a retry; a failure that
 * leaves it unknown whether the provider accepted (a timeout) does not: the attempt stays recorded
 * for reconciliation rather than risking a second copy.
 */
export async function deliverNotification({ notificationId, isLastAttempt }: DeliveryAttempt): Promise<DeliveryResult> {
  const notification = await db.notification.findUnique({
    where: { id: notificationId },
    select: {
      id: true,
      serviceId: true,
      type: true,
      status: true,
      keyType: true,
      recipient: true,
      normalisedRecipient: true,
      personalisation: true,
      body: true,
      replyTo: true,
      smsSender: true,
      unsubscribeUrl: true,
      service: { select: { name: true, active: true, prefixSms: true, emailSenderLocalPart: true } },
      templateVersionRef: { select: { subject: true, content: true } },
    },
  });
  if (!notification || notification.status !== "created") return "skipped";
  if (!notification.service.active) {
    await fail(notificationId, "technical_failure", "service is archived");
    return "failed";
  }

  const simulated = simulatedOutcome(notification.type, notification.normalisedRecipient) !== null;
  const route = { keyType: notification.keyType, simulated };
  const provider =
    notification.type === "email" ? { email: await emailProviderFor(route) } : { sms: await smsProviderFor(route) };
  const providerName = (provider.email ?? provider.sms).name;
  const rate = await (provider.email ?? provider.sms).sendRate();
  if (rate !== null) await acquireSendToken(providerName, rate);

  const claimed = await transitionStatus(db, {
    notificationId,
    status: "sending",
    onlyFrom: ["created"],
    providerName,
    reason: `handed to ${providerName}`,
  });
  if (!claimed.updated) return "skipped";

  let outcome: SendOutcome;
  try {
    if (provider.email) {
      const rendered = renderEmail(
        { subject: notification.templateVersionRef.subject ?? "", content: notification.templateVersionRef.content },
        notification.personalisation as Record<string, unknown> | null,
      );
      outcome = await provider.email.sendEmail({
        notificationId,
        serviceId: notification.serviceId,
        from: fromAddress(notification.service.name, notification.service.emailSenderLocalPart),
        to: notification.recipient,
        replyTo: notification.replyTo,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        unsubscribeUrl: notification.unsubscribeUrl,
      });
    } else {
      const body = withSmsPrefix(notification.body, smsPrefixOf(notification.service));
      outcome = await provider.sms.sendSms({
        notificationId,
        serviceId: notification.serviceId,
        to: notification.normalisedRecipient,
        sender: notification.smsSender ?? config().DEFAULT_SMS_SENDER,
        body,
      });
    }
  } catch (error) {
    return handleProviderFailure(notificationId, providerName, error, isLastAttempt);
  }

  await recordProviderReference(db, { notificationId, providerName, providerReference: outcome.providerReference });
  if (outcome.status === "pending")
    await transitionStatus(db, { notificationId, status: "pending", reason: `${providerName} queued it` });
  return "sent";
}

async function handleProviderFailure(
  notificationId: string,
  providerName: string,
  error: unknown,
  isLastAttempt: boolean,
): Promise<DeliveryResult> {
  const failure =
    error instanceof ProviderError
      ? error
      : new ProviderError("retryable", error instanceof Error ? error.message : String(error));
  // `errorCode`, not `code`: the logger redacts `code` (sign-in codes), which would hide AWS's error names.
  log.warn(
    { notificationId, provider: providerName, kind: failure.kind, errorCode: failure.code, reason: failure.message },
    "provider refused a message",
  );
  switch (failure.kind) {
    case "rejected":
      await fail(
        notificationId,
        "technical_failure",
        `${providerName} rejected it: ${failure.code ?? failure.message}`,
      );
      return "failed";
    case "invalid-recipient":
      await fail(notificationId, "permanent_failure", `${providerName}: ${failure.code ?? failure.message}`);
      return "failed";
    case "uncertain":
      // Left in `sending` without a reference: the reconciliation sweep decides once the provider's events had time to arrive.
      return "uncertain";
    default:
      if (isLastAttempt) {
        await fail(
          notificationId,
          "technical_failure",
          `${providerName} kept failing: ${failure.code ?? failure.message}`,
        );
        return "failed";
      }
      await releaseClaim(notificationId, `${providerName}: ${failure.code ?? failure.message}; will retry`);
      throw failure;
  }
}

/** The provider refused before accepting: back to `created` so the retry can claim it again. */
async function releaseClaim(notificationId: string, reason: string): Promise<void> {
  await transitionStatus(db, {
    notificationId,
    status: "created",
    onlyFrom: ["sending"],
    onlyWithoutProviderReference: true,
    reason,
  });
}

async function fail(
  notificationId: string,
  status: "technical_failure" | "permanent_failure",
  reason: string,
): Promise<void> {
  await applyReceipt({ notificationId, status, reason });
}

/** `"Service name" <local@domain>`, with the name MIME-encoded when it is not plain ASCII. */
function fromAddress(serviceName: string, localPart: string): string {
  const address = `${localPart}@${config().emailDomain}`;
  const name = /^[\x20-\x7e]*$/.test(serviceName)
    ? `"${serviceName.replace(/["\\]/g, "\\$&")}"`
    : `=?UTF-8?B?${Buffer.from(serviceName).toString("base64")}?=`;
  return `${name} <${address}>`;
}
