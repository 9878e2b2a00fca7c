import { describe, expect, it } from "vitest";
import { deleteExpiredSessions, endSession, findSessionUser } from "@/lib/auth/sessions";
import { signIn } from "@/lib/auth/sign-in";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { DEFAULT_PASSWORD, makeUser } from "../support/factories";

describe("signing in", () => {
  it("opens a session for the right password, whatever the email's case", async () => {
    const user = await makeUser({ email: "ada@example.com" });
    const result = await signIn({
      email: "  Ada@Example.COM ",
      password: DEFAULT_PASSWORD,
      ipAddress: "203.0.113.9",
      userAgent: "test",
    });
    expect(result).toMatchObject({ outcome: "signed-in", userId: user.id });
    const sessionId = (result as { sessionId: string }).sessionId;
    // Open but waiting for the sign-in code (tests/integration/sign-in-codes.test.ts).
    expect(await findSessionUser(sessionId, { pending: true })).toMatchObject({
      id: user.id,
      email: "ada@example.com",
    });
    const audit = await db.auditEvent.findFirst({ where: { userId: user.id, action: "user.signed_in" } });
    expect(audit?.ipAddress).toBe("203.0.113.9");
  });

  it("refuses a wrong password and an unknown email alike", async () => {
    await makeUser({ email: "grace@example.com" });
    expect(await signIn({ email: "grace@example.com", password: "wrong password" })).toEqual({ outcome: "invalid" });
    expect(await signIn({ email: "nobody@example.com", password: DEFAULT_PASSWORD })).toEqual({ outcome: "invalid" });
  });

  it("locks the account after repeated failures, even against the right password, until the lockout ends", async () => {
    const user = await makeUser();
    const { SIGN_IN_MAX_FAILURES, SIGN_IN_LOCKOUT_MINUTES } = config();
    for (let attempt = 1; attempt < SIGN_IN_MAX_FAILURES; attempt++) {
      expect(await signIn({ email: user.email, password: `wrong ${attempt}` })).toEqual({ outcome: "invalid" });
    }
    const locked = await signIn({ email: user.email, password: "wrong again" });
    expect(locked.outcome).toBe("locked");
    const lockedUntil = (locked as { lockedUntil: Date }).lockedUntil.getTime();
    expect(lockedUntil - Date.now()).toBeGreaterThan((SIGN_IN_LOCKOUT_MINUTES - 1) * 60_000);

    expect((await signIn({ email: user.email, password: DEFAULT_PASSWORD })).outcome).toBe("locked");
    expect(await db.auditEvent.count({ where: { userId: user.id, action: "user.locked" } })).toBe(1);

    // Once the lockout has passed, the right password works again and the count starts afresh.
    await db.user.update({ where: { id: user.id }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect((await signIn({ email: user.email, password: DEFAULT_PASSWORD })).outcome).toBe("signed-in");
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).failedSignInCount).toBe(0);
  });

  it("counts every one of many simultaneous wrong guesses", async () => {
    const user = await makeUser();
    await Promise.all(
      Array.from({ length: 5 }, (_, index) => signIn({ email: user.email, password: `guess ${index}` })),
    );
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).failedSignInCount).toBe(5);
  });
});

describe("sessions", () => {
  it("end when the user signs out", async () => {
    const user = await makeUser();
    const result = (await signIn({ email: user.email, password: DEFAULT_PASSWORD })) as { sessionId: string };
    await endSession(result.sessionId);
    expect(await findSessionUser(result.sessionId, { pending: true })).toBeNull();
  });

  it("expire, and the cleanup deletes expired ones only", async () => {
    const user = await makeUser();
    const live = (await signIn({ email: user.email, password: DEFAULT_PASSWORD })) as { sessionId: string };
    const old = (await signIn({ email: user.email, password: DEFAULT_PASSWORD })) as { sessionId: string };
    await db.session.update({ where: { id: old.sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await findSessionUser(old.sessionId, { pending: true })).toBeNull();
    expect((await deleteExpiredSessions()).sessions).toBe(1);
    expect(await db.session.findUnique({ where: { id: old.sessionId } })).toBeNull();
    expect(await findSessionUser(live.sessionId, { pending: true })).not.toBeNull();
  });

  it("ignore ids that are not UUIDs", async () => {
    expect(await findSessionUser("not-a-session")).toBeNull();
  });
});
