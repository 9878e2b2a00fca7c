import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Notice } from "@/components/ui/notice";
import { safeReturnPath } from "@/lib/http/return-path";
import { getCurrentUser } from "@/lib/http/session";
import { signInAction } from "./actions";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { callbackUrl, setup, joined } = await searchParams;
  const returnTo = safeReturnPath(callbackUrl);
  if (await getCurrentUser()) redirect(returnTo);
  return (
    <div className="max-w-xl">
      <h1 className="mb-6 text-4xl font-bold">Sign in</h1>
      {setup === "done" && <Notice>Your administrator account is ready. Sign in with it.</Notice>}
      {joined && <Notice>Your account is ready and you have joined the service. Sign in to see it.</Notice>}
      <SignInForm submit={signInAction.bind(null, returnTo)} />
    </div>
  );
}
