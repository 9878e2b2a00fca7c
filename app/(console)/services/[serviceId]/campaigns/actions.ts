"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { archiveCampaign, cancelCampaign, pauseCampaign, resumeCampaign } from "@/lib/campaigns/control-campaign";
import { copyCampaign, createCampaign } from "@/lib/campaigns/create-campaign";
import { sendCampaign } from "@/lib/campaigns/send-campaign";
import { sendCampaignTest } from "@/lib/campaigns/send-campaign-test";
import { AppError } from "@/lib/errors";
import { runFormAction, type FormState } from "@/lib/http/form-state";
import { actorOf, requireServiceAccess } from "@/lib/http/session";

const field = (formData: FormData, name: string) => String(formData.get(name) ?? "");
const campaignPath = (serviceId: string, campaignId = "") =>
  `/services/${serviceId}/campaigns${campaignId ? `/${campaignId}` : ""}`;

/** "placeholder: value" lines of the fallbacks box. */
function fallbacksOf(text: string): Record<string, string> {
  const fallbacks: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf(":");
    if (line.trim() === "") continue;
    if (at < 1)
      throw new AppError("validation", "Write each fallback as placeholder: value", {
        fallbacks: "Write each fallback on its own line as placeholder: value, for example first name: there",
      });
    fallbacks[
      line
        .slice(0, at)
        .trim()
        .replace(/^\(\(|\)\)$/g, "")
    ] = line.slice(at + 1).trim();
  }
  return fallbacks;
}

export async function createCampaignAction(
  serviceId: string,
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const { user } = await requireServiceAccess(serviceId, "send_messages");
  let campaignId = "";
  const state = await runFormAction(formData, async () => {
    const audiences = formData.getAll("listId").map((listId) => ({
      listId: String(listId),
      segmentId: field(formData, `segment-${String(listId)}`) || null,
    }));
    const created = await createCampaign({
      actor: actorOf(user),
      serviceId,
      campaign: {
        name: field(formData, "name"),
        templateId: field(formData, "templateId"),
        audiences,
        contactListIds: formData.getAll("contactListId").map(String),
        subject: field(formData, "subject"),
        fromName: field(formData, "fromName"),
        replyToId: field(formData, "replyToId") || null,
        trackEngagement: formData.get("trackEngagement") === "yes",
        fallbacks: fallbacksOf(field(formData, "fallbacks")),
      },
    });
    campaignId = created.id;
  });
  if (state.status === "success") redirect(campaignPath(serviceId, campaignId));
  return state;
}

export async function sendTestAction(
  serviceId: string,
  campaignId: string,
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const { user } = await requireServiceAccess(serviceId, "send_messages");
  return runFormAction(formData, async () => {
    const { to } = await sendCampaignTest({ actor: actorOf(user), serviceId, campaignId });
    return `A test email is on its way to ${to}`;
  });
}

/** "Send now", or "Schedule" with a date and time (UTC) from the form. */
export async function sendCampaignAction(
  serviceId: string,
  campaignId: string,
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const { user } = await requireServiceAccess(serviceId, "send_messages");
  const state = await runFormAction(formData, async () => {
    const when = field(formData, "when") === "later" ? field(formData, "scheduledFor") : "";
    const scheduledFor = when ? new Date(`${when}Z`) : null;
    if (scheduledFor && Number.isNaN(scheduledFor.getTime()))
      throw new AppError("validation", "Enter a date and time", { scheduledFor: "Enter a date and time" });
    await sendCampaign({ actor: actorOf(user), serviceId, campaignId, scheduledFor });
  });
  if (state.status === "success") {
    revalidatePath(campaignPath(serviceId, campaignId));
    redirect(campaignPath(serviceId, campaignId));
  }
  return state;
}

const commands = {
  pause: pauseCampaign,
  resume: resumeCampaign,
  cancel: cancelCampaign,
  archive: archiveCampaign,
};

/** Pause, resume, cancel or archive (the button's `command`); duplicate makes a new draft. */
export async function controlCampaignAction(serviceId: string, campaignId: string, formData: FormData): Promise<void> {
  const { user } = await requireServiceAccess(serviceId, "send_messages");
  const { command } = z
    .object({ command: z.enum(["pause", "resume", "cancel", "archive", "duplicate"]) })
    .parse({ command: formData.get("command") });
  const write = { actor: actorOf(user), serviceId, campaignId };
  if (command === "duplicate") {
    const copy = await copyCampaign(write);
    redirect(campaignPath(serviceId, copy.id));
  }
  try {
    await commands[command](write);
  } catch (error) {
    if (error instanceof AppError && error.code === "conflict")
      redirect(`${campaignPath(serviceId, campaignId)}?refused=${command}`);
    throw error;
  }
  revalidatePath(campaignPath(serviceId));
  redirect(command === "archive" ? `${campaignPath(serviceId)}?done=archived` : campaignPath(serviceId, campaignId));
}
