"use server";

import { redirect } from "next/navigation";
import { completeSetup } from "@/lib/users/setup";
import { runFormAction, type FormState } from "@/lib/http/form-state";

export async function completeSetupAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const state = await runFormAction(formData, async () => {
    await completeSetup(String(formData.get("token") ?? ""), {
      name: String(formData.get("name") ?? ""),
      email: String(formData.get("email") ?? ""),
      password: String(formData.get("password") ?? ""),
    });
  });
  if (state.status === "success") redirect("/sign-in?setup=done");
  return state;
}
