import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { addSecurityKey, removeSecurityKey } from "@/lib/auth/security-keys";
import { clearServiceCallback, setServiceCallback } from "@/lib/callbacks/callback-settings";
import { addGuestListEntry } from "@/lib/guest-list/add-guest-list-entry";
import { removeGuestListEntry } from "@/lib/guest-list/remove-guest-list-entry";
import { checkOneOff, sendOneOff } from "@/lib/notifications/send-one-off";
import { ALL_PERMISSIONS, OPERATOR, type Actor, type Permission } from "@/lib/permissions";
import { seedNotifications } from "@/lib/seed/seed-notifications";
import { changeReplyToAddress, confirmReplyToAddress, startReplyToCheck } from "@/lib/senders/reply-to-addresses";
import { changeSender } from "@/lib/senders/change-sender";
import { addSmsSender, changeSmsSender } from "@/lib/senders/sms-senders";
import { createService } from "@/lib/services/create-service";
import { approveGoLive, requestGoLive } from "@/lib/services/go-live";
import { assignInboundNumber, releaseInboundNumber } from "@/lib/services/inbound-numbers";
import { updateServiceSettings } from "@/lib/services/update-service-settings";
import { removeSuppression } from "@/lib/suppression/remove-suppression";
import { addTeamMember } from "@/lib/team/add-team-member";
import { cancelInvitation } from "@/lib/team/cancel-invitation";
import { changeMemberPermissions } from "@/lib/team/change-member-permissions";
import { inviteTeamMember } from "@/lib/team/invite-team-member";
import { removeTeamMember } from "@/lib/team/remove-team-member";
import { archiveTemplate } from "@/lib/templates/archive-template";
import { copyTemplate } from "@/lib/templates/copy-template";
import { createTemplate } from "@/lib/templates/create-template";
import { createTemplateFolder, moveTemplateToFolder } from "@/lib/templates/folders";
import { updateTemplate } from "@/lib/templates/update-template";
import {
  changePassword,
  confirmTextMessageCodes,
  startTextMessageCodes,
  switchToEmailCodes,
  updateAccountDetails,
} from "@/lib/users/account";
import { createUser } from "@/lib/users/create-user";
import { exportedLibFunctions } from "../conventions/lib-writes";
import { makeService, makeTemplate, makeUser } from "../support/factories";

type Context = { actor: Actor; serviceId: string; templateId: string };
/** Who may: a permission in the service, platform administrators only, or the person themselves. */
type Needs = Permission | "platform admin" | "own account";
type WriteCase = { needs: Needs; call: (context: Context) => Promise<unknown> };

const id = () => randomUUID();
const form = { recipient: "someone@example.com", personalisation: {}, senderId: null };

// Every exported lib write (a function taking `{ actor, ... }`), with what it needs and a call.
// Arguments only have to get as far as the permission check, which every write makes first.
const WRITES: Record<string, WriteCase> = {
  createApiKey: { needs: "manage_api_keys", call: (c) => createApiKey({ ...c, name: "k", keyType: "normal" }) },
  revokeApiKey: { needs: "manage_api_keys", call: (c) => revokeApiKey({ ...c, apiKeyId: id() }) },
  setServiceCallback: {
    needs: "manage_api_keys",
    call: (c) =>
      setServiceCallback({
        ...c,
        callbackType: "delivery_status",
        url: "https://example.gov/cb",
        bearerToken: "x".repeat(12),
      }),
  },
  clearServiceCallback: {
    needs: "manage_api_keys",
    call: (c) => clearServiceCallback({ ...c, callbackType: "delivery_status" }),
  },
  addGuestListEntry: { needs: "manage_api_keys", call: (c) => addGuestListEntry({ ...c, recipient: "a@example.com" }) },
  removeGuestListEntry: { needs: "manage_api_keys", call: (c) => removeGuestListEntry({ ...c, entryId: id() }) },
  checkOneOff: { needs: "send_messages", call: (c) => checkOneOff({ ...c, form }) },
  sendOneOff: { needs: "send_messages", call: (c) => sendOneOff({ ...c, form }) },
  seedNotifications: { needs: "platform admin", call: (c) => seedNotifications({ ...c, count: 1, days: 1 }) },
  startReplyToCheck: { needs: "manage_service", call: (c) => startReplyToCheck({ ...c, rawAddress: "r@example.com" }) },
  confirmReplyToAddress: { needs: "manage_service", call: (c) => confirmReplyToAddress({ ...c, checkId: id() }) },
  changeReplyToAddress: {
    needs: "manage_service",
    call: (c) => changeReplyToAddress({ ...c, replyToId: id(), change: "remove" }),
  },
  addSmsSender: { needs: "manage_service", call: (c) => addSmsSender({ ...c, sender: "Council" }) },
  changeSender: {
    needs: "manage_service",
    call: (c) =>
      changeSender({
        ...c,
        kind: { table: () => ({}) as never, label: "Sender", noun: "sender", auditPrefix: "x" },
        senderId: id(),
        change: "remove",
      }),
  },
  changeSmsSender: {
    needs: "manage_service",
    call: (c) => changeSmsSender({ ...c, senderId: id(), change: "remove" }),
  },
  // Anyone signed in may create a service of their own, but not one owned by somebody else.
  createService: { needs: "platform admin", call: (c) => createService({ ...c, name: "Theirs", ownerId: id() }) },
  requestGoLive: {
    needs: "manage_service",
    call: (c) => requestGoLive({ ...c, emailsPerYear: "1000", textsPerYear: "1000", purpose: "Permits" }),
  },
  approveGoLive: { needs: "platform admin", call: (c) => approveGoLive(c) },
  assignInboundNumber: { needs: "platform admin", call: (c) => assignInboundNumber({ ...c, number: "+447700900123" }) },
  releaseInboundNumber: { needs: "platform admin", call: (c) => releaseInboundNumber({ ...c, numberId: id() }) },
  updateServiceSettings: { needs: "manage_service", call: (c) => updateServiceSettings({ ...c, name: "Renamed" }) },
  removeSuppression: { needs: "manage_service", call: (c) => removeSuppression({ ...c, entryId: id() }) },
  addTeamMember: {
    needs: "manage_team",
    call: (c) => addTeamMember({ ...c, email: "x@example.com", permissions: ALL_PERMISSIONS }),
  },
  cancelInvitation: { needs: "manage_team", call: (c) => cancelInvitation({ ...c, invitationId: id() }) },
  changeMemberPermissions: {
    needs: "manage_team",
    call: (c) => changeMemberPermissions({ ...c, userId: id(), permissions: [] }),
  },
  inviteTeamMember: {
    needs: "manage_team",
    call: (c) => inviteTeamMember({ ...c, email: "new@example.com", permissions: ALL_PERMISSIONS }),
  },
  removeTeamMember: { needs: "manage_team", call: (c) => removeTeamMember({ ...c, userId: id() }) },
  archiveTemplate: { needs: "manage_templates", call: (c) => archiveTemplate(c) },
  copyTemplate: { needs: "manage_templates", call: (c) => copyTemplate({ ...c, fromServiceId: c.serviceId }) },
  createTemplate: {
    needs: "manage_templates",
    call: (c) => createTemplate({ ...c, type: "sms", name: "New", content: "Hello", subject: null }),
  },
  createTemplateFolder: { needs: "manage_templates", call: (c) => createTemplateFolder({ ...c, name: "Folder" }) },
  moveTemplateToFolder: { needs: "manage_templates", call: (c) => moveTemplateToFolder({ ...c, folderId: null }) },
  updateTemplate: { needs: "manage_templates", call: (c) => updateTemplate({ ...c, name: "Renamed", content: "Hi" }) },
  createUser: {
    needs: "platform admin",
    call: (c) =>
      createUser({ ...c, email: `new-${id()}@example.com`, name: "New", password: "a long enough password" }),
  },
  updateAccountDetails: {
    needs: "own account",
    call: (c) => updateAccountDetails({ ...c, name: "N", mobileNumber: "" }),
  },
  changePassword: {
    needs: "own account",
    call: (c) => changePassword({ ...c, sessionId: id(), currentPassword: "x", newPassword: "a long enough password" }),
  },
  startTextMessageCodes: { needs: "own account", call: (c) => startTextMessageCodes(c) },
  confirmTextMessageCodes: { needs: "own account", call: (c) => confirmTextMessageCodes({ ...c, code: "123456" }) },
  switchToEmailCodes: { needs: "own account", call: (c) => switchToEmailCodes(c) },
  addSecurityKey: {
    needs: "own account",
    call: (c) => addSecurityKey({ ...c, sessionId: id(), keyName: "Key", response: {} as never }),
  },
  removeSecurityKey: { needs: "own account", call: (c) => removeSecurityKey({ ...c, keyId: id() }) },
};

let serviceId: string;
let templateId: string;

beforeAll(async () => {
  const service = await makeService();
  serviceId = service.id;
  templateId = (await makeTemplate(service.id, { type: "email" })).id;
});

/** A member with every permission but the one the write needs (every one, for platform-only writes). */
async function memberWithout(needs: Needs): Promise<Actor> {
  const user = await makeUser();
  await addTeamMember({
    actor: OPERATOR,
    serviceId,
    email: user.email,
    permissions: ALL_PERMISSIONS.filter((permission) => permission !== needs),
  });
  return { userId: user.id, isPlatformAdmin: false };
}

describe("every lib write checks its own permission", () => {
  it("covers every exported write in lib/", () => {
    const writes = exportedLibFunctions()
      .filter((fn) => fn.takesActor)
      .map((fn) => fn.name)
      .sort();
    expect(writes).toEqual(Object.keys(WRITES).sort());
  });

  it.each(Object.entries(WRITES))("%s refuses a member without the permission it needs", async (_name, write) => {
    const actor = write.needs === "own account" ? OPERATOR : await memberWithout(write.needs);
    await expect(write.call({ actor, serviceId, templateId })).rejects.toMatchObject({ code: "forbidden" });
  });
});
