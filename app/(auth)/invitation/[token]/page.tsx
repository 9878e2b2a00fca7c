import type { Metadata } from "next";
import Link from "next/link";
import { SubmitButton } from "@/components/ui/submit-button";
import { getCurrentUser } from "@/lib/http/session";
import { findInvitation, type InvitationView } from "@/lib/team/find-invitation";
import { acceptInvitationAction, createAccountAction } from "./actions";
import { NewAccountForm } from "./new-account-form";

export const metadata: Metadata = { title: "Join a service", referrer: "no-referrer" };

const UNUSABLE: Record<
  Exclude<InvitationView["state"], "pending">,
  (invitation: InvitationView) => { title: string; text: string }
> = {
  expired: (invitation) => ({
    title: "This invitation has expired",
    text: `Invitations last 2 days. Ask ${invitation.invitedByName ?? "the person who invited you"} to invite you to ${invitation.serviceName} again.`,
  }),
  cancelled: (invitation) => ({
    title: "This invitation was cancelled",
    text: `Someone on the ${invitation.serviceName} team cancelled it. Ask them if you still need to join.`,
  }),
  accepted: (invitation) => ({
    title: "This invitation has already been used",
    text: `Sign in to see ${invitation.serviceName}. If you did not use it, tell the service’s team.`,
  }),
};

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, user] = await Promise.all([findInvitation(token), getCurrentUser()]);

  if (!invitation) {
    return (
      <Message title="This invitation link is not valid">
        Check that you copied the whole link. If it still does not work, ask the person who invited you to send it
        again.
      </Message>
    );
  }
  if (invitation.state !== "pending") {
    const { title, text } = UNUSABLE[invitation.state](invitation);
    return (
      <Message title={title}>
        {text}{" "}
        {invitation.state === "accepted" && !user && (
          <Link href={`/sign-in?callbackUrl=${encodeURIComponent(`/services/${invitation.serviceId}`)}`}>Sign in</Link>
        )}
      </Message>
    );
  }

  const intro = `${invitation.invitedByName ?? "Someone"} has invited you to join ${invitation.serviceName} on Tidings.`;
  if (user && user.email !== invitation.email) {
    return (
      <Message title={`Join ${invitation.serviceName}`}>
        {intro} The invitation was sent to {invitation.email}, but you are signed in as {user.email}. Sign out, then
        open the link again to accept it with the invited address.
      </Message>
    );
  }
  return (
    <div className="max-w-xl">
      <h1 className="mb-6 text-4xl font-bold">Join {invitation.serviceName}</h1>
      <p className="mb-6 text-lg">{intro}</p>
      {user ? (
        <form action={acceptInvitationAction.bind(null, token)}>
          <SubmitButton>Accept the invitation</SubmitButton>
        </form>
      ) : invitation.accountExists ? (
        <p className="text-lg">
          You already have an account with {invitation.email}.{" "}
          <Link href={`/sign-in?callbackUrl=${encodeURIComponent(`/invitation/${token}`)}`}>
            Sign in to accept the invitation
          </Link>
          .
        </p>
      ) : (
        <>
          <h2 className="mb-4 text-2xl font-bold">Create your account</h2>
          <NewAccountForm submit={createAccountAction.bind(null, token)} email={invitation.email} />
        </>
      )}
    </div>
  );
}

function Message({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="max-w-xl">
      <h1 className="mb-6 text-4xl font-bold">{title}</h1>
      <p className="text-lg">{children}</p>
    </div>
  );
}
