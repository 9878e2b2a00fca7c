import { describe, expect, it } from "vitest";
import { confirmSignInCode, sendSignInCode, MAX_CODE_ATTEMPTS } from "@/lib/auth/sign-in-codes";
import { findSessionUser } from "@/lib/auth/sessions";
import { signIn } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { DEFAULT_PASSWORD, makeUser } from "../support/factories";

async function signedInWithPassword() {
  const user = await makeUser();
  const result = await signIn({ email: user.email, password: DEFAULT_PASSWORD });
  if (result.outcome !== "signed-in") throw new Error("sign-in failed");
  return { user, sessionId: result.sessionId };
}

const lastCodeSentTo = async (recipient: string) => {
  const message = await db.notification.findFirstOrThrow({
    where: { normalisedRecipient: recipient, service: { isPlatformService: true } },
    orderBy: { createdAt: "desc" },
  });
  return { code: /\d{6}/.exec(message.body)![0], message };
};

describe("sign-in codes", () => {
  it("sends a code through Tidings' own service on the priority queue, and the session opens only once it is confirmed", async () => {
    const { user, sessionId } = await signedInWithPassword();
    expect(await findSessionUser(sessionId)).toBeNull();
    expect(await findSessionUser(sessionId, { pending: true })).toMatchObject({ id: user.id });
    const { code, message } = await lastCodeSentTo(user.email);
    expect(message).toMatchObject({ type: "email", keyType: "normal", status: "created" });
    const jobs = await db.$queryRaw<
      { name: string }[]
    >`SELECT name FROM pgboss.job WHERE data->>'notificationId' = ${message.id}`;
    expect(jobs.map((job) => job.name)).toEqual(["deliver-priority"]);
    expect(await db.signInCode.findFirst({ where: { userId: user.id }, select: { codeHash: true } })).not.toMatchObject(
      { codeHash: expect.stringContaining(code) },
    );

    await confirmSignInCode(sessionId, user.id, ` ${code.slice(0, 3)} ${code.slice(3)} `);
    expect(await findSessionUser(sessionId)).toMatchObject({ id: user.id });
    await expect(confirmSignInCode(sessionId, user.id, code)).rejects.toMatchObject({
      fieldErrors: { code: expect.stringMatching(/expired/) },
    });
  });

  it("allows five wrong tries, then refuses even the right code", async () => {
    const { user, sessionId } = await signedInWithPassword();
    const { code } = await lastCodeSentTo(user.email);
    const wrong = code === "000000" ? "111111" : "000000";
    for (let attempt = 0; attempt < MAX_CODE_ATTEMPTS; attempt++) {
      await expect(confirmSignInCode(sessionId, user.id, wrong)).rejects.toMatchObject({
        fieldErrors: { code: "That code is not right. Check it and try again." },
      });
    }
    await expect(confirmSignInCode(sessionId, user.id, code)).rejects.toMatchObject({
      fieldErrors: { code: expect.stringMatching(/Too many/) },
    });
    expect(await findSessionUser(sessionId)).toBeNull();
  });

  it("expires codes after 15 minutes, retires a code when a new one is sent, and limits how often", async () => {
    const { user, sessionId } = await signedInWithPassword();
    const first = await lastCodeSentTo(user.email);
    await expect(sendSignInCode(user.id, { isResend: true })).rejects.toMatchObject({ code: "rate_limited" });
    await sendSignInCode(user.id, { isResend: true, now: new Date(Date.now() + 31_000) });
    const second = await lastCodeSentTo(user.email);
    if (first.code !== second.code)
      await expect(confirmSignInCode(sessionId, user.id, first.code)).rejects.toMatchObject({ code: "validation" });
    await expect(
      confirmSignInCode(sessionId, user.id, second.code, new Date(Date.now() + 47 * 60_000)),
    ).rejects.toMatchObject({ fieldErrors: { code: expect.stringMatching(/expired/) } });
  });

  it("sends by text message to people who chose it", async () => {
    const user = await makeUser();
    await db.user.update({ where: { id: user.id }, data: { secondFactor: "sms", mobileNumber: "+447911123456" } });
    expect(await sendSignInCode(user.id)).toEqual({ channel: "sms", to: "+447911123456" });
    expect((await lastCodeSentTo("+447911123456")).message.type).toBe("sms");
  });

  it("emails the code instead when the phone cannot be texted, so its owner is not locked out", async () => {
    const { user, sessionId } = await signedInWithPassword();
    await db.user.update({ where: { id: user.id }, data: { secondFactor: "sms", mobileNumber: "+447911123499" } });
    const { platformService } = await import("@/lib/platform/platform-service");
    await db.suppressionEntry.create({
      data: {
        serviceId: (await platformService()).id,
        recipientType: "mobile",
        recipient: "+447911123499",
        reason: "opt_out",
      },
    });
    expect(await sendSignInCode(user.id, { now: new Date(Date.now() + 60_000) })).toEqual({
      channel: "email",
      to: user.email,
    });
    await confirmSignInCode(sessionId, user.id, (await lastCodeSentTo(user.email)).code);
    expect(await findSessionUser(sessionId)).toMatchObject({ id: user.id });
  });
});

describe("a code that cannot be sent", () => {
  it("is reported as such, not as a wrong password, and leaves no half-open session", async () => {
    const user = await makeUser();
    const { platformService } = await import("@/lib/platform/platform-service");
    await db.suppressionEntry.create({
      data: {
        serviceId: (await platformService()).id,
        recipientType: "email",
        recipient: user.email,
        reason: "bounce",
      },
    });
    expect(await signIn({ email: user.email, password: DEFAULT_PASSWORD })).toEqual({ outcome: "code-not-sent" });
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("reading a sent code from the outbox", () => {
  it("finds the latest sign-in code sent to an address, for installations without a real provider", async () => {
    const { latestSentSignInCode } = await import("@/lib/auth/sign-in-codes");
    const { user } = await signedInWithPassword();
    const { code } = await lastCodeSentTo(user.email);
    expect((await latestSentSignInCode(user.email.toUpperCase()))?.code).toBe(code);
    expect(await latestSentSignInCode("nobody@example.com")).toBeNull();
  });
});

describe("a person's own account", () => {
  it("saves a name and a mobile number in international format, refusing one that is not a mobile", async () => {
    const { updateAccountDetails } = await import("@/lib/users/account");
    const user = await makeUser();
    await expect(
      updateAccountDetails({
        actor: { userId: user.id, isPlatformAdmin: false },
        name: "Ada",
        mobileNumber: "020 7946 0000",
      }),
    ).rejects.toMatchObject({
      fieldErrors: { mobileNumber: "Not a UK mobile number" },
    });
    await expect(
      updateAccountDetails({ actor: { userId: user.id, isPlatformAdmin: false }, name: " ", mobileNumber: "" }),
    ).rejects.toMatchObject({
      fieldErrors: { name: "Enter your name" },
    });
    expect(
      await updateAccountDetails({
        actor: { userId: user.id, isPlatformAdmin: false },
        name: " Ada Lovelace ",
        mobileNumber: "07911 123 456",
      }),
    ).toMatchObject({ name: "Ada Lovelace", mobileNumber: "+447911123456", secondFactor: "email" });
  });

  it("switches sign-in codes to texts only once a code sent to the phone is entered, and back to email when the number changes", async () => {
    const { confirmTextMessageCodes, getAccount, startTextMessageCodes, updateAccountDetails } =
      await import("@/lib/users/account");
    const user = await makeUser();
    await expect(startTextMessageCodes({ actor: { userId: user.id, isPlatformAdmin: false } })).rejects.toMatchObject({
      fieldErrors: { secondFactor: expect.stringContaining("mobile number") },
    });
    await updateAccountDetails({
      actor: { userId: user.id, isPlatformAdmin: false },
      name: "Ada",
      mobileNumber: "07911 123 457",
    });
    expect(await startTextMessageCodes({ actor: { userId: user.id, isPlatformAdmin: false } })).toEqual({
      to: "+447911123457",
    });
    const { code, message } = await lastCodeSentTo("+447911123457");
    expect(message.type).toBe("sms");
    await expect(
      confirmTextMessageCodes({
        actor: { userId: user.id, isPlatformAdmin: false },
        code: code === "000000" ? "111111" : "000000",
      }),
    ).rejects.toMatchObject({
      code: "validation",
    });
    expect((await getAccount(user.id)).secondFactor).toBe("email");
    await confirmTextMessageCodes({ actor: { userId: user.id, isPlatformAdmin: false }, code });
    expect((await getAccount(user.id)).secondFactor).toBe("sms");
    expect(await sendSignInCode(user.id, { now: new Date(Date.now() + 60_000) })).toEqual({
      channel: "sms",
      to: "+447911123457",
    });

    await updateAccountDetails({
      actor: { userId: user.id, isPlatformAdmin: false },
      name: "Ada",
      mobileNumber: "07911 123 458",
    });
    expect((await getAccount(user.id)).secondFactor).toBe("email");
  });

  it("changes the password only with the current one, and signs out the person's other browsers", async () => {
    const { changePassword } = await import("@/lib/users/account");
    const { verifyPassword } = await import("@/lib/auth/password");
    const { user, sessionId } = await signedInWithPassword();
    const other = await signIn({ email: user.email, password: DEFAULT_PASSWORD });
    if (other.outcome !== "signed-in") throw new Error("sign-in failed");
    await expect(
      changePassword({
        actor: { userId: user.id, isPlatformAdmin: false },
        sessionId,
        currentPassword: "wrong password",
        newPassword: "a much longer password",
      }),
    ).rejects.toMatchObject({ fieldErrors: { currentPassword: "Your current password is not right" } });
    await expect(
      changePassword({
        actor: { userId: user.id, isPlatformAdmin: false },
        sessionId,
        currentPassword: DEFAULT_PASSWORD,
        newPassword: "short",
      }),
    ).rejects.toMatchObject({ fieldErrors: { newPassword: expect.stringContaining("at least 10") } });
    await changePassword({
      actor: { userId: user.id, isPlatformAdmin: false },
      sessionId,
      currentPassword: DEFAULT_PASSWORD,
      newPassword: "a much longer password",
    });
    expect(
      await verifyPassword(
        "a much longer password",
        (await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash,
      ),
    ).toBe(true);
    expect(await db.session.findMany({ where: { userId: user.id }, select: { id: true } })).toEqual([
      { id: sessionId },
    ]);
  });
});
