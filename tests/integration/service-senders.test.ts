import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { transitionStatus } from "@/lib/notifications/status-machine";
import { resolveEmailReplyTo, resolveSmsSender } from "@/lib/notifications/senders";
import {
  cancelReplyToCheck,
  changeReplyToAddress,
  confirmReplyToAddress,
  listPendingReplyToChecks,
  listReplyToAddresses,
  replyToCheckStatus,
  resendReplyToCheck,
  startReplyToCheck,
} from "@/lib/senders/reply-to-addresses";
import { addSmsSender, changeSmsSender, listSmsSenders } from "@/lib/senders/sms-senders";
import { makeService, makeUser } from "../support/factories";

const actor = (user: { id: string }) => ({ userId: user.id, isPlatformAdmin: false });

describe("reply-to addresses", () => {
  it("are added only after a check email to them is delivered, the first as the default", async () => {
    const user = await makeUser();
    const service = await makeService({ members: [{ userId: user.id }] });
    await expect(
      startReplyToCheck({ actor: actor(user), serviceId: service.id, rawAddress: "not an address" }),
    ).rejects.toMatchObject({
      fieldErrors: { emailAddress: expect.any(String) },
    });
    const checkId = await startReplyToCheck({
      actor: actor(user),
      serviceId: service.id,
      rawAddress: "Replies@Example.gov",
    });
    expect(await replyToCheckStatus(service.id, checkId)).toEqual({
      status: "waiting",
      emailAddress: "Replies@Example.gov",
    });
    await expect(confirmReplyToAddress({ actor: actor(user), serviceId: service.id, checkId })).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(replyToCheckStatus((await makeService()).id, checkId)).rejects.toMatchObject({ code: "not_found" });

    await transitionStatus(db, {
      notificationId: checkId,
      status: "delivered",
      reason: "the check email was delivered",
    });
    await confirmReplyToAddress({ actor: actor(user), serviceId: service.id, checkId });
    await confirmReplyToAddress({ actor: actor(user), serviceId: service.id, checkId });
    expect(await listReplyToAddresses(service.id)).toEqual([
      expect.objectContaining({ emailAddress: "replies@example.gov", isDefault: true }),
    ]);
    expect(await resolveEmailReplyTo(service.id, null)).toBe("replies@example.gov");
  });

  it("stay listed as pending checks until added or cancelled, the latest check per address, and can be sent again", async () => {
    const user = await makeUser();
    const service = await makeService({ members: [{ userId: user.id }] });
    const other = await makeService({ members: [{ userId: user.id }] });
    const start = (serviceId: string, rawAddress: string) =>
      startReplyToCheck({ actor: actor(user), serviceId, rawAddress });
    const first = await start(service.id, "desk@example.gov");
    const bounced = await start(service.id, "typo@example.gov");
    await start(other.id, "elsewhere@example.gov");
    await transitionStatus(db, { notificationId: bounced, status: "sending", reason: "handed over" });
    await transitionStatus(db, { notificationId: bounced, status: "permanent_failure", reason: "bounced" });
    expect(await listPendingReplyToChecks(service.id)).toEqual([
      { id: bounced, status: "failed", emailAddress: "typo@example.gov" },
      { id: first, status: "waiting", emailAddress: "desk@example.gov" },
    ]);

    const again = await resendReplyToCheck({ actor: actor(user), serviceId: service.id, checkId: first });
    expect(again).not.toBe(first);
    expect((await listPendingReplyToChecks(service.id)).map((check) => check.id)).toEqual([again, bounced]);

    await cancelReplyToCheck({ actor: actor(user), serviceId: service.id, checkId: bounced });
    await expect(replyToCheckStatus(service.id, bounced)).rejects.toMatchObject({ code: "not_found" });
    await transitionStatus(db, { notificationId: again, status: "delivered", reason: "the check email was delivered" });
    expect(await listPendingReplyToChecks(service.id)).toEqual([
      { id: again, status: "delivered", emailAddress: "desk@example.gov" },
    ]);
    await confirmReplyToAddress({ actor: actor(user), serviceId: service.id, checkId: again });
    expect(await listPendingReplyToChecks(service.id)).toEqual([]);
    expect(await listPendingReplyToChecks(other.id)).toHaveLength(1);
    await expect(cancelReplyToCheck({ actor: actor(user), serviceId: other.id, checkId: first })).rejects.toMatchObject(
      { code: "not_found" },
    );
  });

  it("keeps one default: another must become the default before the default is removed", async () => {
    const user = await makeUser();
    const service = await makeService({ members: [{ userId: user.id }] });
    const [first, second] = await Promise.all(
      ["a@example.gov", "b@example.gov"].map((emailAddress, index) =>
        db.serviceEmailReplyTo.create({ data: { serviceId: service.id, emailAddress, isDefault: index === 0 } }),
      ),
    );
    await expect(
      changeReplyToAddress({ actor: actor(user), serviceId: service.id, replyToId: first!.id, change: "remove" }),
    ).rejects.toMatchObject({
      code: "conflict",
    });
    await changeReplyToAddress({
      actor: actor(user),
      serviceId: service.id,
      replyToId: second!.id,
      change: "make-default",
    });
    await changeReplyToAddress({ actor: actor(user), serviceId: service.id, replyToId: first!.id, change: "remove" });
    expect(await listReplyToAddresses(service.id)).toEqual([
      expect.objectContaining({ emailAddress: "b@example.gov", isDefault: true }),
    ]);
  });
});

describe("text message senders", () => {
  it("accept phone numbers and 3-11 character names, and the default is what messages use", async () => {
    const user = await makeUser();
    const service = await makeService({ members: [{ userId: user.id }] });
    await expect(addSmsSender({ actor: actor(user), serviceId: service.id, sender: "AB" })).rejects.toMatchObject({
      fieldErrors: { sender: expect.any(String) },
    });
    await expect(addSmsSender({ actor: actor(user), serviceId: service.id, sender: "12345" })).rejects.toMatchObject({
      code: "validation",
    });
    await expect(
      addSmsSender({ actor: actor(user), serviceId: service.id, sender: "FAR TOO LONG NAME" }),
    ).rejects.toMatchObject({
      code: "validation",
    });
    await addSmsSender({ actor: actor(user), serviceId: service.id, sender: "CITYCOUNCIL" });
    await addSmsSender({ actor: actor(user), serviceId: service.id, sender: "+44 7911 123456", isDefault: true });
    expect((await listSmsSenders(service.id)).map((sender) => [sender.sender, sender.isDefault])).toEqual([
      ["+447911123456", true],
      ["CITYCOUNCIL", false],
    ]);
    expect(await resolveSmsSender(service.id, null)).toBe("+447911123456");
    const city = (await listSmsSenders(service.id)).find((sender) => sender.sender === "CITYCOUNCIL")!;
    await changeSmsSender({ actor: actor(user), serviceId: service.id, senderId: city.id, change: "make-default" });
    expect(await resolveSmsSender(service.id, null)).toBe("CITYCOUNCIL");
  });

  it("need the manage service permission, and never touch another service", async () => {
    const viewer = await makeUser();
    const service = await makeService({ members: [{ userId: viewer.id, permissions: ["view_activity"] }] });
    await expect(
      addSmsSender({ actor: actor(viewer), serviceId: service.id, sender: "CITYCOUNCIL" }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(
      startReplyToCheck({ actor: actor(viewer), serviceId: service.id, rawAddress: "x@example.gov" }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    const owner = await makeUser();
    const mine = await makeService({ members: [{ userId: owner.id }] });
    const theirs = await db.serviceSmsSender.create({
      data: { serviceId: service.id, sender: "THEIRS", isDefault: true },
    });
    await expect(
      changeSmsSender({ actor: actor(owner), serviceId: mine.id, senderId: theirs.id, change: "remove" }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
