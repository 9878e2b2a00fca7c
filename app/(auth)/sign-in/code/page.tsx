import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Notice } from "@/components/ui/notice";
import { config } from "@/lib/config";
import { getCurrentUser } from "@/lib/http/session";
import { safeReturnPath } from "@/lib/http/return-path";
import { latestSignInCodeChannel } from "@/lib/auth/sign-in-codes";
import { hasSecurityKeys } from "@/lib/auth/security-keys";
import { confirmCodeAction } from "./actions";
import { CodeForm } from "./code-form";
import { SecurityKeySignIn } from "./security-key-sign-in";

export const metadata: Metadata = { title: "Enter your sign-in code" };

export default async function SignInCodePage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const returnTo = safeReturnPath(callbackUrl);
  if (await getCurrentUser()) redirect(returnTo);
  const pending = await getCurrentUser({ pending: true });
  if (!pending) redirect("/sign-in");
  const [channel, withKey] = await Promise.all([latestSignInCodeChannel(pending.id), hasSecurityKeys(pending.id)]);
  return (
    <div className="max-w-xl">
      <h1 className="mb-6 text-4xl font-bold">{channel === "sms" ? "Check your phone" : "Check your email"}</h1>
      <p className="mb-6 text-lg">
        We sent a code to {channel === "sms" ? "your mobile number" : pending.email}. It expires in 15 minutes.
      </p>
      {(channel === "sms" ? config().smsProvider : config().emailProvider) === "simulated" && (
        <Notice tone="info">
          This Tidings has no {channel === "sms" ? "SMS" : "email"} provider set up, so the code was not really sent.
          Someone with access to the server can read it with{" "}
          <code>npm run cli -- sign-in-code --to {channel === "sms" ? "your-number" : pending.email}</code>.
        </Notice>
      )}
      <CodeForm confirmAction={confirmCodeAction.bind(null, returnTo)} />
      {withKey && <SecurityKeySignIn returnTo={returnTo} />}
    </div>
  );
}
