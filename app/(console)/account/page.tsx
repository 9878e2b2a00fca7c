import type { Metadata } from "next";
import Link from "next/link";
import { Confirmation } from "@/components/ui/confirmation";
import { DateTime } from "@/components/ui/date-time";
import { listSecurityKeys } from "@/lib/auth/security-keys";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { requireUser } from "@/lib/http/session";
import { getAccount } from "@/lib/users/account";
import { removeSecurityKeyAction, switchToEmailCodesAction } from "./actions";
import { DetailsForm, PasswordForm, TextMessageCodesForm } from "./account-forms";
import { SecurityKeyForm } from "./security-key-form";

export const metadata: Metadata = { title: "Your account" };

const DONE: Record<string, string> = {
  texts: "Your phone is confirmed. Sign-in codes now come by text message.",
  email: "Sign-in codes now come by email.",
  "key-removed": "The security key was removed.",
};

export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<{ done?: string; remove?: string }>;
}) {
  const user = await requireUser();
  const [account, keys] = await Promise.all([getAccount(user.id), listSecurityKeys(user.id)]);
  const { done, remove } = await searchParams;
  const toRemove = keys.find((key) => key.id === remove);
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
        {account.secondFactor === "sms" && account.mobileNumber
          ? `After your password, we text a code to ${account.mobileNumber}.`
          : `After your password, we email a code to ${account.email}.`}
      </p>
      {account.secondFactor === "sms" && account.mobileNumber ? (
        <form action={switchToEmailCodesAction}>
          <SubmitButton variant="secondary">Get sign-in codes by email instead</SubmitButton>
        </form>
      ) : (
        <TextMessageCodesForm />
      )}

      <h2 className="mb-2 mt-12 text-2xl font-bold">Security keys</h2>
      <p className="mb-4 text-lg">
        A security key (or your device’s fingerprint or face unlock) can confirm your sign-in instead of a code.
      </p>
      {toRemove && (
        <Confirmation
          title={`Remove the security key “${toRemove.name}”?`}
          action={removeSecurityKeyAction}
          fields={{ id: toRemove.id }}
          confirmLabel="Yes, remove this key"
          cancelHref="/account"
        >
          <p>You will not be able to sign in with it. Codes still work.</p>
        </Confirmation>
      )}
      {keys.length === 0 ? (
        <p className="mb-6 text-lg text-muted">You have not added a security key.</p>
      ) : (
        <ul className="mb-6 divide-y divide-line border-y border-line" aria-label="Your security keys">
          {keys.map((key) => (
            <li key={key.id} className="flex flex-wrap items-center justify-between gap-4 py-3 text-lg">
              <span>
                <strong>{key.name}</strong>{" "}
                <span className="text-muted">
                  added <DateTime value={key.createdAt} />,{" "}
                  {key.lastUsedAt ? (
                    <>
                      last used <DateTime value={key.lastUsedAt} />
                    </>
                  ) : (
                    "not used yet"
                  )}
                </span>
              </span>
              <Link href={`/account?remove=${key.id}#confirm`}>
                Remove<span className="sr-only"> {key.name}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <SecurityKeyForm />

      <h2 className="mb-2 mt-12 text-2xl font-bold">Password</h2>
      <PasswordForm />
    </>
  );
}
