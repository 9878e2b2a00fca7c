import type { Metadata } from "next";
import Link from "next/link";
import { Confirmation } from "@/components/ui/confirmation";
import { DateTime } from "@/components/ui/date-time";
import { Notice } from "@/components/ui/notice";
import { requireServiceAccess } from "@/lib/http/session";
import { listTeam } from "@/lib/team/queries";
import { cancelInvitationAction } from "./actions";
import { describePermissions } from "./permission-labels";

export const metadata: Metadata = { title: "Team members" };

const DONE: Record<string, string> = {
  cancelled: "The invitation was cancelled. Its link no longer works.",
  changed: "Permissions saved.",
  removed: "The team member was removed. They can no longer see this service.",
};

export default async function TeamPage({
  params,
  searchParams,
}: {
  params: Promise<{ serviceId: string }>;
  searchParams: Promise<{ cancel?: string; done?: string }>;
}) {
  const { serviceId } = await params;
  const query = await searchParams;
  const { user, access } = await requireServiceAccess(serviceId);
  const canManage = access.permissions.has("manage_team");
  const { members, invitations } = await listTeam(serviceId);
  const base = `/services/${serviceId}/team`;
  const toCancel = canManage ? invitations.find((invitation) => invitation.id === query.cancel) : undefined;

  return (
    <>
      <h1 className="mb-6 text-3xl font-bold">Team members</h1>
      {query.done && DONE[query.done] && <Notice>{DONE[query.done]}</Notice>}
      {canManage && (
        <p className="mb-8">
          <Link
            href={`${base}/invite`}
            className="inline-block bg-success px-4 py-2 text-lg font-bold text-white no-underline shadow-[0_2px_0_#002d18] hover:bg-[#005a30] hover:text-white"
          >
            Invite a team member
          </Link>
        </p>
      )}

      <ul className="mb-10 divide-y divide-line border-y border-line" aria-label="Team members">
        {members.map((member) => (
          <li key={member.userId} className="flex flex-wrap items-start justify-between gap-4 py-4">
            <div>
              <p className="text-xl font-bold">
                {member.name}
                {member.userId === user.id && <span className="font-normal"> (you)</span>}
              </p>
              <p className="break-all text-lg">{member.email}</p>
              <p className="text-muted">{describePermissions(member.permissions)}</p>
            </div>
            {canManage && (
              <Link href={`${base}/members/${member.userId}`} className="text-lg">
                Change details<span className="sr-only"> for {member.name}</span>
              </Link>
            )}
          </li>
        ))}
      </ul>

      <h2 id="invitations" className="mb-3 text-2xl font-bold">
        Invitations waiting to be accepted
      </h2>
      {toCancel && (
        <Confirmation
          title={`Cancel the invitation to ${toCancel.email}?`}
          action={cancelInvitationAction.bind(null, serviceId)}
          fields={{ id: toCancel.id }}
          confirmLabel="Yes, cancel the invitation"
          cancelHref={`${base}#invitations`}
        >
          <p>The link you sent will stop working. You can invite them again later.</p>
        </Confirmation>
      )}
      {invitations.length === 0 ? (
        <p className="mb-10 text-lg text-muted">
          {canManage
            ? "No one is waiting to join. Invite a team member to give someone access to this service."
            : "No one is waiting to join."}
        </p>
      ) : (
        <ul className="mb-10 divide-y divide-line border-y border-line" aria-label="Invitations waiting to be accepted">
          {invitations.map((invitation) => (
            <li key={invitation.id} className="flex flex-wrap items-start justify-between gap-4 py-4">
              <div>
                <p className="break-all text-lg font-bold">{invitation.email}</p>
                <p className="text-muted">{describePermissions(invitation.permissions)}</p>
                <p className="text-muted">
                  Link expires <DateTime value={invitation.expiresAt} /> UTC
                </p>
              </div>
              {canManage && (
                <Link href={`${base}?cancel=${invitation.id}#confirm`} className="text-lg">
                  Cancel invitation<span className="sr-only"> to {invitation.email}</span>
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}

      <p className="text-lg">
        <Link href={`${base}/audit-log`}>See the audit log</Link>: who changed what in this service, and when.
      </p>
    </>
  );
}
