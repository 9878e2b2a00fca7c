"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { runFormAction, type FormState } from "@/lib/http/form-state";
import { actorOf, requirePlatformAdmin } from "@/lib/http/session";
import { assignPhoneNumber, unassignPhoneNumber } from "@/lib/phone-numbers/assign-phone-number";
import { createPhoneRegistration } from "@/lib/phone-numbers/create-registration";
import { releasePhoneNumber } from "@/lib/phone-numbers/release-phone-number";
import { requestPhoneNumber } from "@/lib/phone-numbers/request-phone-number";
import { setPhoneNumberDeletionProtection } from "@/lib/phone-numbers/set-deletion-protection";
import { submitPhoneRegistration } from "@/lib/phone-numbers/submit-registration";
import { setPlatformNumber } from "@/lib/platform/set-platform-number";

const PATH = "/admin/phone-numbers";
const checked = z.preprocess((value) => value === "true" || value === "on", z.boolean());
const awsId = z.string().min(1).max(200);

/** zod's first problem as the form's error beside its field. */
function parsed<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = String(issue.path[0] ?? "form");
  throw new AppError("validation", issue.message, { [field]: issue.message });
}

const requestForm = z.object({
  country: z.string().regex(/^[A-Z]{2}$/, "Choose a country"),
  numberType: z.enum(["SIMULATOR", "TOLL_FREE", "TEN_DLC", "LONG_CODE"], { error: "Choose a type of number" }),
  capabilities: z.array(z.enum(["SMS", "VOICE", "MMS"])).min(1, "Choose what the number can do"),
  messageType: z.enum(["TRANSACTIONAL", "PROMOTIONAL"], { error: "Choose the kind of messages" }),
  optOutList: z
    .string()
    .regex(/^[A-Za-z0-9_-]{0,64}$/, "Opt-out list names are letters, numbers, hyphens and underscores")
    .transform((value) => value || undefined),
  registrationId: z
    .string()
    .max(100)
    .transform((value) => value.trim() || undefined),
  deletionProtection: checked,
  twoWay: checked,
  clientToken: z.uuid({ error: "The form has expired: open it again" }),
});

export async function requestPhoneNumberAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const admin = await requirePlatformAdmin();
  let requested = "";
  const state = await runFormAction(formData, async () => {
    const input = parsed(requestForm, {
      ...Object.fromEntries(formData),
      capabilities: formData.getAll("capabilities"),
      optOutList: String(formData.get("optOutList") ?? ""),
      registrationId: String(formData.get("registrationId") ?? ""),
    });
    requested = (await requestPhoneNumber({ actor: actorOf(admin), ...input })).awsId;
  });
  if (state.status !== "success") return state;
  revalidatePath(PATH);
  redirect(`${PATH}/${encodeURIComponent(requested)}?requested=1`);
}

export async function releasePhoneNumberAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const admin = await requirePlatformAdmin();
  let released = "";
  const state = await runFormAction(formData, async () => {
    const input = parsed(z.object({ awsId }), { awsId: formData.get("awsId") });
    released = (await releasePhoneNumber({ actor: actorOf(admin), ...input })).number;
  });
  if (state.status !== "success") return state;
  revalidatePath(PATH);
  redirect(`${PATH}?released=${encodeURIComponent(released)}`);
}

const assignmentForm = z.object({
  awsId,
  serviceId: z.uuid({ error: "Choose a service" }),
  asSender: checked,
  asInbound: checked,
  makeDefault: checked,
});

export async function assignPhoneNumberAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const admin = await requirePlatformAdmin();
  const state = await runFormAction(formData, async () => {
    const input = parsed(assignmentForm, Object.fromEntries(formData));
    await assignPhoneNumber({ actor: actorOf(admin), ...input });
    return "The number is now the service's";
  });
  if (state.status === "success") revalidatePath(PATH, "layout");
  return state;
}

export async function unassignPhoneNumberAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const admin = await requirePlatformAdmin();
  let number = "";
  const state = await runFormAction(formData, async () => {
    const input = parsed(assignmentForm.omit({ makeDefault: true }), Object.fromEntries(formData));
    await unassignPhoneNumber({ actor: actorOf(admin), ...input });
    number = input.awsId;
  });
  if (state.status !== "success") return state;
  revalidatePath(PATH, "layout");
  // The form goes with what it took back: the number's page says it was done.
  redirect(`${PATH}/${encodeURIComponent(number)}?done=taken-back`);
}

// The platform picker's choices: "phone-number:<awsId>", "pool:<PoolId>" or "sender-id:<SenderId>:<country>".
const platformOrigin = z.union([
  z
    .string()
    .regex(/^phone-number:.{1,200}$/)
    .transform((value) => ({ kind: "phone-number" as const, awsId: value.slice(13) })),
  z
    .string()
    .regex(/^pool:.{1,200}$/)
    .transform((value) => ({ kind: "pool" as const, poolId: value.slice(5) })),
  z
    .string()
    .regex(/^sender-id:[A-Za-z0-9-]{1,11}:[A-Z]{2}$/)
    .transform((value) => {
      const [, senderId, country] = value.split(":");
      return { kind: "sender-id" as const, senderId: senderId!, country: country! };
    }),
]);

export async function setPlatformNumberAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const admin = await requirePlatformAdmin();
  const state = await runFormAction(formData, async () => {
    const choice = platformOrigin.safeParse(formData.get("origin") ?? "");
    if (!choice.success)
      throw new AppError("validation", "Choose a number, pool or sender ID", {
        platformNumber: "Choose what sign-in codes come from",
      });
    await setPlatformNumber({ actor: actorOf(admin), origin: choice.data });
    return "Tidings' own text messages now come from it";
  });
  if (state.status === "success") revalidatePath(PATH, "layout");
  return state;
}

const registrationForm = z.object({
  registrationType: z.enum(["US_TOLL_FREE_REGISTRATION"], { error: "Choose a kind of registration" }),
  clientToken: z.uuid({ error: "The form has expired: open it again" }),
});

export async function createRegistrationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const admin = await requirePlatformAdmin();
  let created = "";
  const state = await runFormAction(formData, async () => {
    const input = parsed(registrationForm, Object.fromEntries(formData));
    const values = Object.fromEntries(
      [...formData.entries()].flatMap(([key, value]) =>
        key.includes(".") && typeof value === "string" ? [[key, value.slice(0, 2000)]] : [],
      ),
    );
    created = (await createPhoneRegistration({ actor: actorOf(admin), ...input, values })).registrationId;
  });
  if (state.status !== "success") return state;
  redirect(`${PATH}/registrations?created=${encodeURIComponent(created)}`);
}

export async function submitRegistrationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const admin = await requirePlatformAdmin();
  let submitted = "";
  const state = await runFormAction(formData, async () => {
    const input = parsed(z.object({ registrationId: z.string().min(1).max(200) }), {
      registrationId: formData.get("registrationId"),
    });
    await submitPhoneRegistration({ actor: actorOf(admin), ...input });
    submitted = input.registrationId;
  });
  if (state.status !== "success") return state;
  // The row's button goes once it is submitted: the page itself says it was done.
  redirect(`${PATH}/registrations?submitted=${encodeURIComponent(submitted)}`);
}

export async function setDeletionProtectionAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const admin = await requirePlatformAdmin();
  let number = "";
  const state = await runFormAction(formData, async () => {
    const input = parsed(z.object({ awsId, enabled: checked }), {
      awsId: formData.get("awsId"),
      enabled: formData.get("enabled"),
    });
    await setPhoneNumberDeletionProtection({ actor: actorOf(admin), ...input });
    number = input.awsId;
  });
  if (state.status !== "success") return state;
  revalidatePath(PATH, "layout");
  redirect(`${PATH}/${encodeURIComponent(number)}?done=protection`);
}
