import { Readable } from "node:stream";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { addSecurityKey, removeSecurityKey } from "@/lib/auth/security-keys";
import { clearServiceCallback, setServiceCallback } from "@/lib/callbacks/callback-settings";
import { rotateCallbackSigningSecret } from "@/lib/callbacks/signing-secrets";
import { copyCampaign, createCampaign } from "@/lib/campaigns/create-campaign";
import { archiveCampaign, cancelCampaign, pauseCampaign, resumeCampaign } from "@/lib/campaigns/control-campaign";
import { sendCampaign } from "@/lib/campaigns/send-campaign";
import { sendCampaignTest } from "@/lib/campaigns/send-campaign-test";
import { addSubscriber } from "@/lib/mailing-lists/add-subscriber";
import { createMailingList } from "@/lib/mailing-lists/create-mailing-list";
import {
  finishDirectSubscriberImport,
  importSubscribers,
  startDirectSubscriberImport,
} from "@/lib/mailing-lists/import-subscribers";
import { removeSubscriber } from "@/lib/mailing-lists/remove-subscriber";
import { createSegment } from "@/lib/mailing-lists/segments";
import { addGuestListEntry } from "@/lib/guest-list/add-guest-list-entry";
import { cancelJob, sendCheckedFile } from "@/lib/jobs/create-job";
import { deleteContactList, saveContactList, sendTemplateToContactList } from "@/lib/contact-lists/contact-lists";
import { finishDirectUpload, startDirectUpload } from "@/lib/recipient-files/direct-upload";
import { uploadRecipientFileForm } from "@/lib/recipient-files/form-upload";
import { uploadRecipientFile } from "@/lib/recipient-files/upload-recipient-file";
import { removeGuestListEntry } from "@/lib/guest-list/remove-guest-list-entry";
import { cancelScheduledNotification } from "@/lib/notifications/scheduled-notifications";
import { checkOneOff, sendOneOff } from "@/lib/notifications/send-one-off";
import { ALL_PERMISSIONS, OPERATOR, type Actor, type Permission } from "@/lib/permissions";
import { reEncryptSecrets } from "@/lib/platform/re-encrypt-secrets";
import { seedNotifications } from "@/lib/seed/seed-notifications";
import {
  cancelReplyToCheck,
  changeReplyToAddress,
  confirmReplyToAddress,
  resendReplyToCheck,
  startReplyToCheck,
} from "@/lib/senders/reply-to-addresses";
import { changeSender } from "@/lib/senders/change-sender";
import { addSmsSender, changeSmsSender } from "@/lib/senders/sms-senders";
import { createService } from "@/lib/services/create-service";
import { startScheduledJob } from "@/lib/operations/run-scheduled-job";
import { restoreBackup } from "@/lib/backups/restore-backup";
import { archiveService } from "@/lib/services/archive-service";
import { reactivateUser, suspendUser } from "@/lib/users/suspend-user";
import { approveGoLive, rejectGoLive, requestGoLive } from "@/lib/services/go-live";
import { assignInboundNumber, releaseInboundNumber } from "@/lib/services/inbound-numbers";
import { createEmailBranding, setServiceEmailBranding, updateEmailBranding } from "@/lib/branding/manage-branding";
import { assignPhoneNumber, unassignPhoneNumber } from "@/lib/phone-numbers/assign-phone-number";
import { createPhoneRegistration } from "@/lib/phone-numbers/create-registration";
import { releasePhoneNumber } from "@/lib/phone-numbers/release-phone-number";
import { requestPhoneNumber } from "@/lib/phone-numbers/request-phone-number";
import { setPhoneNumberDeletionProtection } from "@/lib/phone-numbers/set-deletion-protection";
import { submitPhoneRegistration } from "@/lib/phone-numbers/submit-registration";
import { setPlatformNumber } from "@/lib/platform/set-platform-number";
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
  rotateCallbackSigningSecret: {
    needs: "manage_api_keys",
    call: (c) => rotateCallbackSigningSecret(c),
  },
  addGuestListEntry: { needs: "manage_api_keys", call: (c) => addGuestListEntry({ ...c, recipient: "a@example.com" }) },
  removeGuestListEntry: { needs: "manage_api_keys", call: (c) => removeGuestListEntry({ ...c, entryId: id() }) },
  cancelScheduledNotification: {
    needs: "send_messages",
    call: (c) => cancelScheduledNotification({ ...c, notificationId: id() }),
  },
  checkOneOff: { needs: "send_messages", call: (c) => checkOneOff({ ...c, form }) },
  sendOneOff: { needs: "send_messages", call: (c) => sendOneOff({ ...c, form }) },
  reEncryptSecrets: { needs: "platform admin", call: (c) => reEncryptSecrets(c) },
  uploadRecipientFile: {
    needs: "send_messages",
    call: (c) => uploadRecipientFile({ ...c, fileName: "people.csv", sizeBytes: 1, body: Buffer.from("x") }),
  },
  uploadRecipientFileForm: {
    needs: "send_messages",
    call: (c) => uploadRecipientFileForm({ ...c, contentType: null, body: Readable.from([]) }),
  },
  startDirectUpload: {
    needs: "send_messages",
    call: (c) => startDirectUpload({ ...c, fileName: "people.csv", sizeBytes: 1 }),
  },
  finishDirectUpload: {
    needs: "send_messages",
    call: (c) => finishDirectUpload({ ...c, fileId: id(), fileName: "people.csv" }),
  },
  sendCheckedFile: { needs: "send_messages", call: (c) => sendCheckedFile({ ...c, fileId: id() }) },
  cancelJob: { needs: "send_messages", call: (c) => cancelJob({ ...c, jobId: id() }) },
  saveContactList: {
    needs: "send_messages",
    call: (c) =>
      saveContactList({ ...c, name: "n", type: "email", fileName: "l.csv", sizeBytes: 1, body: Buffer.from("x") }),
  },
  sendTemplateToContactList: {
    needs: "send_messages",
    call: (c) => sendTemplateToContactList({ ...c, contactListId: id() }),
  },
  deleteContactList: { needs: "send_messages", call: (c) => deleteContactList({ ...c, contactListId: id() }) },
  seedNotifications: { needs: "platform admin", call: (c) => seedNotifications({ ...c, count: 1, days: 1 }) },
  startReplyToCheck: { needs: "manage_service", call: (c) => startReplyToCheck({ ...c, rawAddress: "r@example.com" }) },
  confirmReplyToAddress: { needs: "manage_service", call: (c) => confirmReplyToAddress({ ...c, checkId: id() }) },
  resendReplyToCheck: { needs: "manage_service", call: (c) => resendReplyToCheck({ ...c, checkId: id() }) },
  cancelReplyToCheck: { needs: "manage_service", call: (c) => cancelReplyToCheck({ ...c, checkId: id() }) },
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
  archiveService: { needs: "platform admin", call: (c) => archiveService(c) },
  suspendUser: { needs: "platform admin", call: (c) => suspendUser({ ...c, userId: id() }) },
  reactivateUser: { needs: "platform admin", call: (c) => reactivateUser({ ...c, userId: id() }) },
  rejectGoLive: { needs: "platform admin", call: (c) => rejectGoLive({ ...c, reason: "Not yet" }) },
  assignInboundNumber: { needs: "platform admin", call: (c) => assignInboundNumber({ ...c, number: "+447700900123" }) },
  createEmailBranding: {
    needs: "platform admin",
    call: (c) => createEmailBranding({ ...c, name: "Theirs", colour: "#000000", logo: null }),
  },
  updateEmailBranding: {
    needs: "platform admin",
    call: (c) => updateEmailBranding({ ...c, brandingId: id(), name: "Theirs", colour: "#000000", logo: null }),
  },
  setServiceEmailBranding: {
    needs: "platform admin",
    call: (c) => setServiceEmailBranding({ ...c, brandingId: null }),
  },
  releaseInboundNumber: { needs: "platform admin", call: (c) => releaseInboundNumber({ ...c, numberId: id() }) },
  restoreBackup: {
    needs: "platform admin",
    call: (c) => restoreBackup({ ...c, backupId: "2026-12-01T020000Z", into: "postgresql://nowhere/none" }),
  },
  startScheduledJob: {
    needs: "platform admin",
    call: (c) => startScheduledJob({ ...c, name: "apply-data-retention" }),
  },
  requestPhoneNumber: {
    needs: "platform admin",
    call: (c) =>
      requestPhoneNumber({
        ...c,
        country: "US",
        numberType: "SIMULATOR",
        capabilities: ["SMS"],
        messageType: "TRANSACTIONAL",
        deletionProtection: false,
        twoWay: false,
        clientToken: id(),
      }),
  },
  createPhoneRegistration: {
    needs: "platform admin",
    call: (c) =>
      createPhoneRegistration({ ...c, registrationType: "US_TOLL_FREE_REGISTRATION", values: {}, clientToken: id() }),
  },
  submitPhoneRegistration: {
    needs: "platform admin",
    call: (c) => submitPhoneRegistration({ ...c, registrationId: "registration-x" }),
  },
  setPhoneNumberDeletionProtection: {
    needs: "platform admin",
    call: (c) => setPhoneNumberDeletionProtection({ ...c, awsId: "phone-x", enabled: false }),
  },
  releasePhoneNumber: { needs: "platform admin", call: (c) => releasePhoneNumber({ ...c, awsId: "phone-x" }) },
  assignPhoneNumber: {
    needs: "platform admin",
    call: (c) => assignPhoneNumber({ ...c, awsId: "phone-x", asSender: true, asInbound: false }),
  },
  unassignPhoneNumber: {
    needs: "platform admin",
    call: (c) => unassignPhoneNumber({ ...c, awsId: "phone-x", asSender: true, asInbound: false }),
  },
  setPlatformNumber: {
    needs: "platform admin",
    call: (c) => setPlatformNumber({ ...c, origin: { kind: "pool", poolId: "pool-x" } }),
  },
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
  createMailingList: { needs: "send_messages", call: (c) => createMailingList({ ...c, name: "List" }) },
  addSubscriber: {
    needs: "send_messages",
    call: (c) => addSubscriber({ ...c, listId: id(), subscriber: { email: "a@example.com" } }),
  },
  removeSubscriber: {
    needs: "send_messages",
    call: (c) => removeSubscriber({ ...c, listId: id(), email: "a@example.com" }),
  },
  importSubscribers: {
    needs: "send_messages",
    call: (c) =>
      importSubscribers({ ...c, listId: id(), fileName: "a.csv", sizeBytes: 13, body: Buffer.from("email address") }),
  },
  startDirectSubscriberImport: {
    needs: "send_messages",
    call: (c) => startDirectSubscriberImport({ ...c, listId: id(), fileName: "a.csv", sizeBytes: 1 }),
  },
  finishDirectSubscriberImport: {
    needs: "send_messages",
    call: (c) => finishDirectSubscriberImport({ ...c, listId: id(), fileId: id(), fileName: "a.csv" }),
  },
  createSegment: { needs: "send_messages", call: (c) => createSegment({ ...c, listId: id(), segment: {} }) },
  createCampaign: { needs: "send_messages", call: (c) => createCampaign({ ...c, campaign: {} }) },
  copyCampaign: { needs: "send_messages", call: (c) => copyCampaign({ ...c, campaignId: id() }) },
  sendCampaign: { needs: "send_messages", call: (c) => sendCampaign({ ...c, campaignId: id(), scheduledFor: null }) },
  sendCampaignTest: { needs: "send_messages", call: (c) => sendCampaignTest({ ...c, campaignId: id() }) },
  pauseCampaign: { needs: "send_messages", call: (c) => pauseCampaign({ ...c, campaignId: id() }) },
  resumeCampaign: { needs: "send_messages", call: (c) => resumeCampaign({ ...c, campaignId: id() }) },
  cancelCampaign: { needs: "send_messages", call: (c) => cancelCampaign({ ...c, campaignId: id() }) },
  archiveCampaign: { needs: "send_messages", call: (c) => archiveCampaign({ ...c, campaignId: id() }) },
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
