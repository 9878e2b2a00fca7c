import type { Metadata } from "next";
import { Notice } from "@/components/ui/notice";
import { isAppError } from "@/lib/errors";
import { findSubscription, type Subscription } from "@/lib/mailing-lists/change-subscription";

export const metadata: Metadata = { title: "Unsubscribe", referrer: "no-referrer", robots: "noindex" };

// GET only shows where things stand: link scanners follow links, so nothing changes until the
// button is pressed. The buttons post to POST /unsubscribe/{token} (no JavaScript needed).
export default async function UnsubscribePage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ done?: string }>;
}) {
  const { token } = await params;
  const { done } = await searchParams;
  const subscription = await findSubscription(token).catch((error: unknown) => {
    if (isAppError(error, "not_found")) return null;
    throw error;
  });
  if (!subscription) {
    return (
      <article className="max-w-2xl text-lg">
        <h1 className="mb-6 text-4xl font-bold">This unsubscribe link is not valid</h1>
        <p>Check that you opened the whole link from the email. If it still does not work, reply to the email.</p>
      </article>
    );
  }
  return (
    <article className="max-w-2xl text-lg">
      {done === "unsubscribed" && <Notice>You have been unsubscribed.</Notice>}
      {done === "resubscribed" && <Notice>You are subscribed again.</Notice>}
      {subscription.subscribed ? (
        <Subscribed subscription={subscription} token={token} />
      ) : (
        <Unsubscribed subscription={subscription} token={token} />
      )}
    </article>
  );
}

function Subscribed({ subscription, token }: { subscription: Subscription; token: string }) {
  return (
    <>
      <h1 className="mb-6 text-4xl font-bold">Unsubscribe from {subscription.listName}</h1>
      <p className="mb-6">
        {subscription.email} will no longer get emails sent to the {subscription.listName} list by{" "}
        {subscription.serviceName}.
      </p>
      <form method="post" action={`/unsubscribe/${token}`}>
        <input type="hidden" name="action" value="unsubscribe" />
        <button type="submit" className="bg-success px-4 py-2 text-lg font-bold text-white shadow-[0_2px_0_#002d18]">
          Unsubscribe
        </button>
      </form>
    </>
  );
}

function Unsubscribed({ subscription, token }: { subscription: Subscription; token: string }) {
  return (
    <>
      <h1 className="mb-6 text-4xl font-bold">You are not subscribed to {subscription.listName}</h1>
      <p className="mb-6">
        {subscription.email} does not get emails sent to this list by {subscription.serviceName}. Unsubscribed by
        mistake? You can subscribe again.
      </p>
      <form method="post" action={`/unsubscribe/${token}`}>
        <input type="hidden" name="action" value="resubscribe" />
        <button type="submit" className="bg-gray-200 px-4 py-2 text-lg font-bold text-ink shadow-[0_2px_0_#002d18]">
          Subscribe again
        </button>
      </form>
    </>
  );
}
