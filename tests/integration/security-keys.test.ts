import { describe, expect, it } from "vitest";
import {
  addSecurityKey,
  confirmSignInWithSecurityKey,
  removeSecurityKey,
  securityKeyRegistrationOptions,
  securityKeySignInOptions,
} from "@/lib/auth/security-keys";
import { findSessionUser } from "@/lib/auth/sessions";
import { signIn } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { DEFAULT_PASSWORD, makeUser } from "../support/factories";

// The full ceremony with a (virtual) authenticator is in e2e/account.spec.ts; these are the refusals.
async function pendingSignIn() {
  const user = await makeUser();
  const result = await signIn({ email: user.email, password: DEFAULT_PASSWORD });
  if (result.outcome !== "signed-in") throw new Error("sign-in failed");
  return { user, sessionId: result.sessionId };
}

const forged = (id: string) => ({
  id,
  rawId: id,
  type: "public-key" as const,
  response: { clientDataJSON: "e30", authenticatorData: "AAAA", signature: "AAAA", attestationObject: "AAAA" },
  clientExtensionResults: {},
});

async function keyOf(userId: string, credentialId: string) {
  return db.securityKey.create({
    data: { userId, name: "Blue key", credentialId, publicKey: Buffer.from([1, 2, 3]), transports: ["usb"] },
  });
}

describe("security keys", () => {
  it("offers this installation as the relying party and excludes keys already added", async () => {
    const { user, sessionId } = await pendingSignIn();
    await keyOf(user.id, "existing-credential");
    const options = await securityKeyRegistrationOptions(user, sessionId);
    expect(options.rp).toEqual({
      name: "Tidings",
      id: new URL(process.env.PUBLIC_URL ?? "http://localhost:3000").hostname,
    });
    expect(options.excludeCredentials).toEqual([
      { id: "existing-credential", type: "public-key", transports: ["usb"] },
    ]);
  });

  it("refuses a forged answer, and a challenge can be answered only once", async () => {
    const { user, sessionId } = await pendingSignIn();
    await securityKeyRegistrationOptions(user, sessionId);
    await expect(
      addSecurityKey({
        actor: { userId: user.id, isPlatformAdmin: false },
        sessionId,
        keyName: "Mine",
        response: forged("abc") as never,
      }),
    ).rejects.toMatchObject({ message: "The key could not be added. Try again." });
    await expect(
      addSecurityKey({
        actor: { userId: user.id, isPlatformAdmin: false },
        sessionId,
        keyName: "Mine",
        response: forged("abc") as never,
      }),
    ).rejects.toMatchObject({ message: "That took too long. Try again." });
    expect(await db.securityKey.count({ where: { userId: user.id } })).toBe(0);
  });

  it("asks for a name, and lets a challenge expire after five minutes", async () => {
    const { user, sessionId } = await pendingSignIn();
    await expect(
      addSecurityKey({
        actor: { userId: user.id, isPlatformAdmin: false },
        sessionId,
        keyName: " ",
        response: forged("abc") as never,
      }),
    ).rejects.toMatchObject({ fieldErrors: { keyName: expect.stringContaining("Give the key a name") } });
    const now = new Date();
    await securityKeyRegistrationOptions(user, sessionId, now);
    await expect(
      addSecurityKey({
        actor: { userId: user.id, isPlatformAdmin: false },
        sessionId,
        keyName: "Mine",
        response: forged("abc") as never,
        now: new Date(now.getTime() + 6 * 60_000),
      }),
    ).rejects.toMatchObject({ message: "That took too long. Try again." });
  });

  it("signs in only with one of the person's own keys, and never with someone else's", async () => {
    const { user, sessionId } = await pendingSignIn();
    const other = await makeUser();
    await keyOf(other.id, "other-persons-key");
    await expect(securityKeySignInOptions(user.id, sessionId)).rejects.toMatchObject({ code: "validation" });
    await keyOf(user.id, "own-key");
    expect((await securityKeySignInOptions(user.id, sessionId)).allowCredentials).toEqual([
      { id: "own-key", type: "public-key", transports: ["usb"] },
    ]);
    await expect(
      confirmSignInWithSecurityKey(sessionId, user.id, forged("other-persons-key") as never),
    ).rejects.toMatchObject({ message: expect.stringContaining("not one of yours") });
    await securityKeySignInOptions(user.id, sessionId);
    await expect(confirmSignInWithSecurityKey(sessionId, user.id, forged("own-key") as never)).rejects.toMatchObject({
      message: expect.stringContaining("could not be checked"),
    });
    expect(await findSessionUser(sessionId)).toBeNull();
  });

  it("removes only the person's own keys", async () => {
    const { user } = await pendingSignIn();
    const other = await makeUser();
    const theirs = await keyOf(other.id, "their-key");
    await expect(
      removeSecurityKey({ actor: { userId: user.id, isPlatformAdmin: false }, keyId: theirs.id }),
    ).rejects.toMatchObject({ code: "not_found" });
    await removeSecurityKey({ actor: { userId: other.id, isPlatformAdmin: false }, keyId: theirs.id });
    expect(await db.securityKey.count({ where: { userId: other.id } })).toBe(0);
    expect(
      await db.auditEvent.findFirst({ where: { userId: other.id, action: "user.security_key_removed" } }),
    ).toMatchObject({ details: { name: "Blue key" } });
  });
});
