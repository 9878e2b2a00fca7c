import { afterEach, describe, expect, it } from "vitest";
import { sessionCookie, sessionIdOf } from "@/lib/auth/session-cookies";
import { resetConfig } from "@/lib/config";
import { decryptSecret, encryptSecret, openSecret } from "@/lib/crypto/secrets";
import { db } from "@/lib/db";
import { readUnsubscribeToken, signUnsubscribeToken } from "@/lib/mailing-lists/unsubscribe-token";
import { OPERATOR } from "@/lib/permissions";
import { reEncryptSecrets } from "@/lib/platform/re-encrypt-secrets";
import { makeApiKey, makeService } from "../support/factories";

const LINK = {
  subscriberId: "0190f0f0-0000-7000-8000-00000000000a",
  listId: "0190f0f0-0000-7000-8000-00000000000b",
  campaignId: null,
};
const OLD_KEY = process.env.SECRET_KEY!;
const NEW_KEY = "the-rotated-secret-key-0123456789abcdefghijklmn";

function useKeys(current: string, previous?: string) {
  process.env.SECRET_KEY = current;
  if (previous) process.env.SECRET_KEY_PREVIOUS = previous;
  else delete process.env.SECRET_KEY_PREVIOUS;
  resetConfig();
}

afterEach(() => useKeys(OLD_KEY));

describe("rotating SECRET_KEY", () => {
  it("keeps API keys, callback tokens, sessions and unsubscribe links working through the rotation, then needs only the new key", async () => {
    const service = await makeService();
    const apiKey = await makeApiKey(service.id);
    await db.serviceCallbackApi.create({
      data: {
        serviceId: service.id,
        callbackType: "delivery_status",
        url: "https://receiver.example/callbacks",
        bearerTokenEncrypted: encryptSecret("callback-bearer-token-0123456789"),
      },
    });
    const oldLink = signUnsubscribeToken(LINK);
    const oldCookie = await sessionCookie("0190f0f0-0000-7000-8000-000000000001");
    const storedKey = async () =>
      (await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id }, select: { secretEncrypted: true } }))
        .secretEncrypted;
    const secretBefore = decryptSecret(await storedKey());

    // Step 1: the new key in SECRET_KEY, the old one in SECRET_KEY_PREVIOUS. Everything still opens.
    useKeys(NEW_KEY, OLD_KEY);
    expect(openSecret(await storedKey())).toEqual({ plaintext: secretBefore, current: false });
    expect(await sessionIdOf(oldCookie.value)).toBe("0190f0f0-0000-7000-8000-000000000001");
    expect(readUnsubscribeToken(oldLink)).toEqual(LINK);
    const newCookie = await sessionCookie("0190f0f0-0000-7000-8000-000000000002");

    // Step 2: re-encrypt; a second run finds nothing left.
    const report = await reEncryptSecrets({ actor: OPERATOR });
    expect(report.find((entry) => entry.what === "API key secrets")?.reEncrypted).toBeGreaterThanOrEqual(1);
    expect(report.find((entry) => entry.what === "callback bearer tokens")?.reEncrypted).toBeGreaterThanOrEqual(1);
    expect((await reEncryptSecrets({ actor: OPERATOR })).every((entry) => entry.reEncrypted === 0)).toBe(true);

    // Step 3: SECRET_KEY_PREVIOUS removed. Stored secrets open with the new key alone; old cookies end.
    useKeys(NEW_KEY);
    expect(decryptSecret(await storedKey())).toBe(secretBefore);
    const callback = await db.serviceCallbackApi.findFirstOrThrow({ where: { serviceId: service.id } });
    expect(decryptSecret(callback.bearerTokenEncrypted)).toBe("callback-bearer-token-0123456789");
    expect(await sessionIdOf(newCookie.value)).toBe("0190f0f0-0000-7000-8000-000000000002");
    expect(await sessionIdOf(oldCookie.value)).toBeNull();
    expect(readUnsubscribeToken(oldLink)).toBeNull();
    expect(readUnsubscribeToken(signUnsubscribeToken(LINK))).toEqual(LINK);
  });

  it("refuses a stored secret made with a key that is neither current nor previous", async () => {
    const stored = encryptSecret("secret");
    useKeys(NEW_KEY);
    expect(() => decryptSecret(stored)).toThrow(/neither SECRET_KEY nor SECRET_KEY_PREVIOUS/);
  });
});
