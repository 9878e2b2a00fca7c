import { describe, expect, it } from "vitest";
import { decryptSecret } from "@/lib/crypto/secrets";
import { db } from "@/lib/db";
import { runScript } from "../support/processes";

const cli = (...args: string[]) => runScript("scripts/cli.ts", args);

describe("npm run cli", () => {
  it("lists its commands with --help", async () => {
    const { code, stdout } = await cli("--help");
    expect(code).toBe(0);
    for (const command of [
      "create-user",
      "create-service",
      "add-member",
      "create-api-key",
      "create-template",
      "migrate",
      "setup-link",
      "sign-in-code",
      "seed-notifications",
      "assign-inbound-number",
    ])
      expect(stdout).toContain(command);
  });

  it("creates a user, a service, a member and an API key printed once", async () => {
    const created = await cli(
      "create-user",
      "--email",
      "Owner@Example.com",
      "--name",
      "Owner",
      "--password",
      "a long enough password",
    );
    expect(created).toMatchObject({ code: 0, stdout: expect.stringContaining("Created user owner@example.com") });

    const generated = await cli("create-user", "--email", "colleague@example.com", "--name", "Colleague");
    expect(generated.stdout).toMatch(/Password: \S{16}\nIt is shown only now\./);

    const service = await cli("create-service", "--name", "Housing", "--owner", "owner@example.com");
    const serviceId = service.stdout.match(/Service id: (\S+)/)?.[1];
    expect(serviceId).toMatch(/^[0-9a-f-]{36}$/);

    const member = await cli(
      "add-member",
      "--service",
      serviceId!,
      "--email",
      "colleague@example.com",
      "--permissions",
      "view_activity,send_messages",
    );
    expect(member.code).toBe(0);
    const membership = await db.serviceMember.findFirstOrThrow({
      where: { serviceId, user: { email: "colleague@example.com" } },
    });
    expect(membership.permissions).toEqual(["view_activity", "send_messages"]);

    const template = await cli(
      "create-template",
      "--service",
      serviceId!,
      "--type",
      "email",
      "--name",
      "Welcome",
      "--subject",
      "Hello ((name))",
      "--content",
      "Dear ((name)),\\n\\nWelcome.",
    );
    expect(template.stdout).toMatch(/Template id: [0-9a-f-]{36}/);
    expect((await db.template.findFirstOrThrow({ where: { serviceId } })).content).toBe("Dear ((name)),\n\nWelcome.");

    const key = await cli("create-api-key", "--service", serviceId!, "--type", "team", "--name", "Housing backend");
    const printed = key.stdout.match(/\n\n(\S+)\n/)?.[1] ?? "";
    expect(printed).toMatch(new RegExp(`^housing_backend-${serviceId}-[0-9a-f-]{36}$`));
    const stored = await db.apiKey.findFirstOrThrow({ where: { serviceId } });
    expect(stored.keyType).toBe("team");
    expect(stored.secretEncrypted).not.toContain(printed.slice(-36));
    expect(decryptSecret(stored.secretEncrypted)).toBe(printed.slice(-36));
  }, 60_000);

  it("explains bad input and exits non-zero", async () => {
    expect(
      await cli("create-user", "--email", "bad", "--name", "X", "--password", "a long enough password"),
    ).toMatchObject({ code: 1, stderr: expect.stringMatching(/email: Enter an email address in the correct format/) });
    expect(await cli("create-api-key", "--service", "nope", "--type", "live")).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/Allowed choices are normal, team, test/),
    });
    expect(
      await cli(
        "add-member",
        "--service",
        "00000000-0000-4000-8000-000000000000",
        "--email",
        "a@b.c",
        "--permissions",
        "fly",
      ),
    ).toMatchObject({ code: 1, stderr: expect.stringMatching(/Unknown permission fly/) });
  }, 30_000);
});
