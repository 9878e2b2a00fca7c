import { describe, expect, it } from "vitest";
import { completeSetup, firstRunInstructions, isSetupTokenValid, issueSetupToken } from "@/lib/users/setup";
import { db } from "@/lib/db";

describe("first administrator setup", () => {
  it("tells the operator how to create the first administrator, until one exists", async () => {
    const instructions = await firstRunInstructions();
    expect(instructions).toMatch(/No one can sign in yet/);
    const token = instructions?.match(/\/setup\?token=([A-Za-z0-9_-]+)/)?.[1];
    expect(await isSetupTokenValid(token!)).toBe(true);
    expect(instructions).toContain("npm run cli -- create-user --platform-admin");
    // A later start issues a new link and retires the old one.
    await firstRunInstructions();
    expect(await isSetupTokenValid(token!)).toBe(false);
  });

  it("creates a platform administrator once, with a token that cannot be reused", async () => {
    const token = await issueSetupToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await db.setupToken.findFirst({ where: { tokenHash: token! } })).toBeNull(); // only the hash is stored
    expect(await isSetupTokenValid(token!)).toBe(true);

    // A form error does not use the token up.
    await expect(
      completeSetup(token!, { email: "admin@example.com", name: "Admin", password: "short" }),
    ).rejects.toMatchObject({ code: "validation" });
    // Every field's problem, in the order of the form's fields (name, email, password).
    const errors = await completeSetup(token!, { email: "nope", name: "", password: "short" }).catch(
      (error: { fieldErrors: Record<string, string> }) => error.fieldErrors,
    );
    expect(Object.keys(errors)).toEqual(["name", "email", "password"]);
    const admin = await completeSetup(token!, {
      email: "admin@example.com",
      name: "Admin",
      password: "a long admin password",
    });
    expect(admin.isPlatformAdmin).toBe(true);

    expect(await isSetupTokenValid(token!)).toBe(false);
    await expect(
      completeSetup(token!, { email: "second@example.com", name: "Second", password: "a long admin password" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect(await issueSetupToken()).toBeNull();
  });

  it("refuses a wrong or expired token", async () => {
    await db.user.deleteMany();
    const token = await issueSetupToken();
    await expect(
      completeSetup("wrong", { email: "a@example.com", name: "A", password: "a long admin password" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await db.setupToken.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(
      completeSetup(token!, { email: "a@example.com", name: "A", password: "a long admin password" }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });
});
