import { describe, expect, it, vi } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { deleteExpiredSessions, endSession, findSessionUser } from "@/lib/auth/sessions";
import { signIn } from "@/lib/auth/sign-in";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { reactivateUser, suspendUser } from "@/lib/users/suspend-user";
import { DEFAULT_PASSWORD, makeUser } from "../support/factories";

// Counted, to show how many guesses a burst gets checked.
vi.mock("@/lib/auth/password", async (original) => {
  const actual = await original<typeof import("@/lib/auth/password")>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});

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

describe("suspended accounts", () => {
  it("a platform admin suspends an account: its sessions end and it cannot sign in until reactivated", async () => {
    const admin = await makeUser({ isPlatformAdmin: true });
    const adminActor = { userId: admin.id, isPlatformAdmin: true };
    const user = await makeUser();
    const first = await signIn({ email: user.email, password: DEFAULT_PASSWORD });
    const sessionId = (first as { sessionId: string }).sessionId;
    expect(await findSessionUser(sessionId, { pending: true })).not.toBeNull();

    await expect(
      suspendUser({ actor: { userId: user.id, isPlatformAdmin: false }, userId: admin.id }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(suspendUser({ actor: adminActor, userId: admin.id })).rejects.toMatchObject({ code: "conflict" });
    await suspendUser({ actor: adminActor, userId: user.id });
    expect(await findSessionUser(sessionId, { pending: true })).toBeNull();
    expect(await signIn({ email: user.email, password: DEFAULT_PASSWORD })).toEqual({ outcome: "suspended" });
    // A wrong password still reads as a wrong password: only the password's holder learns of the suspension.
    expect(await signIn({ email: user.email, password: "not the password" })).toEqual({ outcome: "invalid" });

    await reactivateUser({ actor: adminActor, userId: user.id });
    expect(await signIn({ email: user.email, password: DEFAULT_PASSWORD })).toMatchObject({ outcome: "signed-in" });
    await expect(reactivateUser({ actor: adminActor, userId: user.id })).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("a burst of simultaneous guesses", () => {
  it("gets no more password checks than the limit, and locks the account once", async () => {
    const user = await makeUser();
    const { SIGN_IN_MAX_FAILURES } = config();
    vi.mocked(verifyPassword).mockClear();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, index) => signIn({ email: user.email, password: `guess ${index}` })),
    );
    expect(vi.mocked(verifyPassword).mock.calls.length).toBeLessThanOrEqual(SIGN_IN_MAX_FAILURES);
    expect(results.filter((result) => result.outcome === "invalid").length).toBeLessThanOrEqual(SIGN_IN_MAX_FAILURES);
    expect(results.filter((result) => result.outcome === "locked").length).toBeGreaterThanOrEqual(
      30 - SIGN_IN_MAX_FAILURES,
    );
    expect(await db.auditEvent.count({ where: { userId: user.id, action: "user.locked" } })).toBe(1);
    const { lockedUntil } = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(lockedUntil!.getTime()).toBeGreaterThan(Date.now());

    // The right password, now or racing more guesses, neither opens a session nor lifts the lock.
    const late = await Promise.all([
      signIn({ email: user.email, password: DEFAULT_PASSWORD }),
      ...Array.from({ length: 5 }, (_, index) => signIn({ email: user.email, password: `late ${index}` })),
    ]);
    expect(late.map((result) => result.outcome)).toEqual(Array(6).fill("locked"));
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).lockedUntil).toEqual(lockedUntil);
  });

  it("cannot open a session once the guesses racing it have locked the account", async () => {
    const user = await makeUser();
    const results = await Promise.all(
      Array.from({ length: 31 }, (_, index) =>
        signIn({ email: user.email, password: index === 15 ? DEFAULT_PASSWORD : `guess ${index}` }),
      ),
    );
    const { lockedUntil } = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    const signedIn = results[15]!.outcome === "signed-in";
    // Either the right password got in while the account was open (and its session exists), or
    // it is refused like the rest: never a session opened by a locked account.
    if (signedIn) expect(await db.session.count({ where: { userId: user.id } })).toBe(1);
    else expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    if (lockedUntil && lockedUntil > new Date()) {
      const sessions = await db.session.findMany({ where: { userId: user.id }, select: { createdAt: true } });
      const locked = await db.auditEvent.findFirstOrThrow({ where: { userId: user.id, action: "user.locked" } });
      for (const session of sessions)
        expect(session.createdAt.getTime()).toBeLessThanOrEqual(locked.createdAt.getTime());
    }
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
