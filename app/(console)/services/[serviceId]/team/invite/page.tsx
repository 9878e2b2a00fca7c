import type { Metadata } from "next";
import Link from "next/link";
import { requireServiceAccess } from "@/lib/http/session";
import { PERMISSIONS } from "@/lib/permissions";
import { InviteForm } from "./invite-form";
import { inviteAction } from "../actions";

export const metadata: Metadata = { title: "Invite a team member" };

export default async function InvitePage({ params }: { params: Promise<{ serviceId: string }> }) {
  const { serviceId } = await params;
  await requireServiceAccess(serviceId, "manage_team");
  return (
    <>
      <p className="mb-4 text-lg">
        <Link href={`/services/${serviceId}/team`}>Back to team members</Link>
      </p>
      <h1 className="mb-6 text-3xl font-bold">Invite a team member</h1>
      <InviteForm submit={inviteAction.bind(null, serviceId)} permissionOptions={PERMISSIONS} />
    </>
  );
}
