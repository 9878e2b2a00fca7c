import type { Metadata } from "next";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { requireUser } from "@/lib/http/session";
import { getAccount } from "@/lib/users/account";
import { switchToEmailCodesAction } from "./actions";
import { DetailsForm, PasswordForm, TextMessageCodesForm } from "./account-forms";

export const metadata: Metadata = { title: "Your account" };

const DONE: Record<string, string> = {
  texts: "Your phone is confirmed. Sign-in codes now come by text message.",
  email: "Sign-in codes now come by email.",
};

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ done?: string }> }) {
  const user = await requireUser();
  const account = await getAccount(user.id);
  const { done } = await searchParams;
  return (
    <>
      <h1 className="mb-6 text-4xl font-bold">Your account</h1>
      {done && DONE[done] && <Notice>{DONE[done]}</Notice>}

      <h2 className="mb-2 text-2xl font-bold">Your details</h2>
      <p className="mb-4 text-lg">
        You sign in as <strong>{account.email}</strong>. To change it, ask a platform administrator.
      </p>
      <DetailsForm name={account.name} mobileNumber={account.mobileNumber} />

      <h2 className="mb-2 mt-12 text-2xl font-bold">Sign-in codes</h2>
      <p className="mb-4 text-lg">
        {account.secondFactor === "sms" && account.mobileNumber ? `After your password, we text a code to ${account.mobileNumber}.` : `After your password, we email a code to ${account.email}.`}
      </p>
      {account.secondFactor === "sms" && account.mobileNumber ? (
        <form action={switchToEmailCodesAction}>
          <SubmitButton variant="secondary">Get sign-in codes by email instead</SubmitButton>
        </form>
      ) : (
        <TextMessageCodesForm />
      )}

      <h2 className="mb-2 mt-12 text-2xl font-bold">Password</h2>
      <PasswordForm />
    </>
  );
}
