"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { runFormAction, type FormState } from "@/lib/http/form-state";
import { actorOf, requireServiceAccess } from "@/lib/http/session";
import { cancelInvitation } from "@/lib/team/cancel-invitation";
import { changeMemberPermissions } from "@/lib/team/change-member-permissions";
import { inviteTeamMember } from "@/lib/team/invite-team-member";
import { removeTeamMember } from "@/lib/team/remove-team-member";

/** A team form's state: the boxes that were ticked (FormState keeps one value per field), and the new invitation's link. */
export type TeamFormState = FormState & { permissions: string[]; link?: string };

const ids = z.object({ id: z.uuid() });
const teamPath = (serviceId: string) => `/services/${serviceId}/team`;
const ticked = (formData: FormData) => formData.getAll("permissions").map(String);

export async function inviteAction(
  serviceId: string,
  _previous: TeamFormState,
  formData: FormData,
): Promise<TeamFormState> {
  const { user } = await requireServiceAccess(serviceId, "manage_team");
  let link: string | undefined;
  const state = await runFormAction(formData, async () => {
    const invitation = await inviteTeamMember({
      actor: actorOf(user),
      serviceId,
      email: String(formData.get("email") ?? ""),
      permissions: ticked(formData),
    });
    link = invitation.link;
    return invitation.email;
  });
  if (state.status === "success") revalidatePath(teamPath(serviceId));
  return { ...state, permissions: ticked(formData), link };
}

export async function cancelInvitationAction(serviceId: string, formData: FormData): Promise<void> {
  const { user } = await requireServiceAccess(serviceId, "manage_team");
  const { id } = ids.parse({ id: formData.get("id") });
  await cancelInvitation({ actor: actorOf(user), serviceId, invitationId: id });
  revalidatePath(teamPath(serviceId));
  redirect(`${teamPath(serviceId)}?done=cancelled`);
}

export async function changePermissionsAction(
  serviceId: string,
  userId: string,
  _previous: TeamFormState,
  formData: FormData,
): Promise<TeamFormState> {
  const { user } = await requireServiceAccess(serviceId, "manage_team");
  const state = await runFormAction(formData, () =>
    changeMemberPermissions({ actor: actorOf(user), serviceId, userId, permissions: ticked(formData) }).then(
      () => undefined,
    ),
  );
  if (state.status !== "success") return { ...state, permissions: ticked(formData) };
  revalidatePath(`/services/${serviceId}`, "layout");
  redirect(`${teamPath(serviceId)}?done=changed`);
}

export async function removeMemberAction(serviceId: string, formData: FormData): Promise<void> {
  const { user } = await requireServiceAccess(serviceId, "manage_team");
  const { id } = ids.parse({ id: formData.get("id") });
  await removeTeamMember({ actor: actorOf(user), serviceId, userId: id });
  revalidatePath(`/services/${serviceId}`, "layout");
  redirect(id === user.id ? "/services" : `${teamPath(serviceId)}?done=removed`);
}
