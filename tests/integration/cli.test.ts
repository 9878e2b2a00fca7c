import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptSecret } from "@/lib/crypto/secrets";
import { db } from "@/lib/db";
import { startSmsStandIn, type SmsStandIn } from "../../scripts/stand-ins/sms";
import { smsStandInSettings } from "../support/aws-stand-in-settings";
import { makeService } from "../support/factories";
import { runScript } from "../support/processes";

const cli = (...args: string[]) => runScript("scripts/cli.ts", args);

// Each CLI run starts a process of its own (seconds each on a busy machine).
describe("npm run cli", { timeout: 120_000 }, () => {
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

describe("npm run cli -- phone-numbers", { timeout: 120_000 }, () => {
  let sms: SmsStandIn;
  const TOPIC = "arn:aws:sns:us-east-1:111122223333:tidings-inbound-sms";
  // Against the End User Messaging stand-in, as an operator's CLI talks to AWS.
  const phoneNumbers = (...args: string[]) =>
    runScript("scripts/cli.ts", ["phone-numbers", ...args], {
      ...smsStandInSettings(sms),
      SMS_INBOUND_TOPIC_ARN: TOPIC,
    });
  beforeAll(async () => {
    sms = await startSmsStandIn({ seed: true });
  });
  afterAll(() => sms.close());

  it("lists its subcommands with --help", async () => {
    const { code, stdout } = await phoneNumbers("--help");
    expect(code).toBe(0);
    for (const command of ["list", "request", "release", "assign", "unassign"]) expect(stdout).toContain(command);
  });

  it("requests, lists, assigns, unassigns and releases a number", async () => {
    const service = await makeService({ name: "Parking" });
    expect(await phoneNumbers("request", "--type", "SIMULATOR", "--capabilities", "SMS")).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/A SIMULATOR number in US: \$0\.00 a month, plus each message\.\nAdd --yes/),
    });
    expect(sms.state.phoneNumbers).toHaveLength(3);

    const requested = await phoneNumbers("request", "--type", "SIMULATOR", "--capabilities", "sms", "--yes");
    const [, number, awsId] = requested.stdout.match(/Requested (\+\d+) \((phone-\w+)\)/) ?? [];
    expect(requested.code).toBe(0);
    expect(sms.state.phoneNumbers.find((entry) => entry.PhoneNumberId === awsId)).toMatchObject({
      PhoneNumber: number,
      NumberType: "SIMULATOR",
      NumberCapabilities: ["SMS"],
    });

    const listed = await phoneNumbers("list");
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${number}  ${awsId}  ACTIVE  SIMULATOR US  SMS  not in use`);
    expect(listed.stdout).toContain("+12065550102");

    expect(await phoneNumbers("assign", "--number", awsId!, "--service", service.id, "--as", "both")).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(`The service now uses ${awsId} (sender and inbound).`),
    });
    expect(
      await db.serviceSmsSender.findFirst({ where: { serviceId: service.id, sender: number, archivedAt: null } }),
    ).toMatchObject({ isDefault: true });
    expect(await db.inboundNumber.findUnique({ where: { number } })).toMatchObject({ serviceId: service.id });
    expect((await phoneNumbers("list", "--assignment", "sender")).stdout.trim()).toBe(
      `${number}  ${awsId}  ACTIVE  SIMULATOR US  SMS  sending for Parking, receiving for Parking`,
    );

    expect(await phoneNumbers("release", "--number", awsId!)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/Parking/),
    });
    expect(await phoneNumbers("unassign", "--number", awsId!, "--service", service.id, "--as", "both")).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(`The service no longer uses ${awsId} (sender and inbound).`),
    });
    expect(await db.serviceSmsSender.count({ where: { serviceId: service.id, archivedAt: null } })).toBe(0);
    expect(await db.inboundNumber.findUnique({ where: { number } })).toMatchObject({ serviceId: null });

    expect(await phoneNumbers("release", "--number", awsId!)).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(`Released ${number}.`),
    });
    expect(sms.state.phoneNumbers.find((entry) => entry.PhoneNumberId === awsId)?.Status).toBe("DELETED");
  }, 90_000);

  it("explains what AWS or Tidings refuses, and exits non-zero", async () => {
    const service = await makeService();
    const voiceOnly = sms.state.phoneNumbers.find((entry) => entry.PhoneNumber === "+12065550102")!;
    expect(
      await phoneNumbers("assign", "--number", voiceOnly.PhoneNumberId, "--service", service.id, "--as", "sender"),
    ).toMatchObject({ code: 1, stderr: expect.stringMatching(/cannot send text messages/) });
    expect(await phoneNumbers("request", "--capabilities", "SMS,FAX", "--yes")).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/Unknown capability FAX/),
    });
    expect(await phoneNumbers("release", "--number", "phone-nope")).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/AWS has no/),
    });
  }, 60_000);
});
