import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Confirmation } from "@/components/ui/confirmation";
import { requireServiceAccess } from "@/lib/http/session";
import { PERMISSIONS } from "@/lib/permissions";
import { listTeam } from "@/lib/team/queries";
import { changePermissionsAction, removeMemberAction } from "../../actions";
import { PermissionsForm } from "./permissions-form";

export const metadata: Metadata = { title: "Change a team member’s details" };

export default async function TeamMemberPage({
  params,
  searchParams,
}: {
  params: Promise<{ serviceId: string; userId: string }>;
  searchParams: Promise<{ remove?: string }>;
}) {
  const { serviceId, userId } = await params;
  const { remove } = await searchParams;
  const { user } = await requireServiceAccess(serviceId, "manage_team");
  const { members } = await listTeam(serviceId);
  const member = members.find((candidate) => candidate.userId === userId);
  if (!member) notFound();
  const onlyManager =
    member.permissions.includes("manage_team") &&
    !members.some((other) => other.userId !== userId && other.permissions.includes("manage_team"));
  const base = `/services/${serviceId}/team/members/${userId}`;
  const isYou = userId === user.id;

  return (
    <>
      <p className="mb-4 text-lg">
        <Link href={`/services/${serviceId}/team`}>Back to team members</Link>
      </p>
      <h1 className="mb-2 text-3xl font-bold">{member.name}</h1>
      <p className="mb-6 break-all text-lg">{member.email}</p>
      <PermissionsForm
        submit={changePermissionsAction.bind(null, serviceId, userId)}
        permissionOptions={PERMISSIONS}
        current={member.permissions}
      />

      <h2 id="remove" className="mb-3 mt-10 text-2xl font-bold">
        {isYou ? "Leave this service" : "Remove from the team"}
      </h2>
      {onlyManager ? (
        <p className="text-lg">
          {isYou ? "You are" : `${member.name} is`} the only team member who can manage the team, so{" "}
          {isYou ? "you cannot leave" : "they cannot be removed"}. Give someone else permission to manage team members
          first.
        </p>
      ) : remove ? (
        <Confirmation
          title={isYou ? "Leave this service?" : `Remove ${member.name} from the team?`}
          action={removeMemberAction.bind(null, serviceId)}
          fields={{ id: userId }}
          confirmLabel={isYou ? "Yes, leave the service" : "Yes, remove them"}
          cancelHref={`${base}#remove`}
        >
          <p>
            {isYou
              ? "You will no longer be able to see this service. Someone who manages the team would have to invite you again."
              : "They will no longer be able to see this service or do anything in it."}
          </p>
        </Confirmation>
      ) : (
        <p className="text-lg">
          <Link href={`${base}?remove=1#confirm`}>
            {isYou ? "Leave this service" : `Remove ${member.name} from the team`}
          </Link>
        </p>
      )}
    </>
  );
}
