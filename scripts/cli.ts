import { OPERATOR } from "@/lib/permissions";
// One-off tasks, like GOV.UK Notify's `flask command`: `npm run cli -- --help`.
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline/promises";
import { Command, Option } from "commander";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { KEY_TYPES } from "@/lib/api-keys/schemas";
import { issueSetupToken } from "@/lib/users/setup";
import { latestSentSignInCode } from "@/lib/auth/sign-in-codes";
import { config, ConfigError } from "@/lib/config";
import { migrate } from "@/lib/db/migrations";
import { closeConnections } from "@/lib/process/close-connections";
import { isAppError } from "@/lib/errors";
import { installJobQueues } from "@/lib/queue/boss";
import { addTeamMember } from "@/lib/team/add-team-member";
import { createService } from "@/lib/services/create-service";
import { assignInboundNumber } from "@/lib/services/inbound-numbers";
import { seedNotifications } from "@/lib/seed/seed-notifications";
import { reEncryptSecrets } from "@/lib/platform/re-encrypt-secrets";
import { writeDailySnapshot } from "@/lib/snapshots/write-snapshot";
import { restoreBackup } from "@/lib/backups/restore-backup";
import { describeBackup, listBackups, takeBackup } from "@/lib/backups/take-backup";
import { runAsScheduledJob } from "@/lib/operations/scheduled-runs";
import { queues } from "@/lib/queue/queues";
import { createTemplate } from "@/lib/templates/create-template";
import { ALL_PERMISSIONS, type Permission } from "@/lib/permissions";
import { createUser } from "@/lib/users/create-user";
import { findUserByEmail } from "@/lib/users/queries";
import { phoneNumbersCommand } from "./cli-phone-numbers";
import { prepareLocalEnvironment, type LocalEnvironment } from "./local-environment";

const program = new Command("tidings")
  .description("Tidings command line: administration tasks that run against the configured database.")
  .showHelpAfterError();

program
  .command("migrate")
  .description("apply pending database migrations and install the job queues")
  .action(() =>
    run(async () => {
      const result = await migrate(config().DATABASE_URL);
      await installJobQueues(config().DATABASE_URL);
      console.log(result.applied.length ? `Applied ${result.applied.join(", ")}` : "Database is up to date");
    }),
  );

program
  .command("create-user")
  .description("create a staff user (prints a generated password if none is given)")
  .requiredOption("--email <email>", "email address, used to sign in")
  .requiredOption("--name <name>", "full name")
  .option("--password <password>", "password (prompted for when omitted on a terminal)")
  .option("--platform-admin", "make the user a platform administrator", false)
  .action((options: { email: string; name: string; password?: string; platformAdmin: boolean }) =>
    run(async () => {
      const supplied = options.password ?? (await promptForPassword());
      const password = supplied ?? randomBytes(12).toString("base64url");
      const user = await createUser({
        actor: OPERATOR,
        email: options.email,
        name: options.name,
        password,
        isPlatformAdmin: options.platformAdmin,
      });
      console.log(`Created ${user.isPlatformAdmin ? "platform administrator" : "user"} ${user.email} (${user.id})`);
      if (!supplied) console.log(`Password: ${password}\nIt is shown only now.`);
    }),
  );

program
  .command("create-service")
  .description("create a service in trial mode, owned by an existing user")
  .requiredOption("--name <name>", "service name")
  .requiredOption("--owner <email>", "email of the user who becomes its first member, with every permission")
  .action((options: { name: string; owner: string }) =>
    run(async () => {
      const owner = await findUserByEmail(options.owner);
      if (!owner) throw new Error(`No user has the email address ${options.owner}`);
      const service = await createService({ actor: OPERATOR, ownerId: owner.id, name: options.name });
      console.log(`Created service ${service.name}\nService id: ${service.id}`);
    }),
  );

program
  .command("add-member")
  .description("add a user to a service, or change their permissions")
  .requiredOption("--service <id>", "service id")
  .requiredOption("--email <email>", "the user's email address")
  .addOption(
    new Option("--permissions <list>", `comma-separated: ${ALL_PERMISSIONS.join(", ")}`).default(
      ALL_PERMISSIONS.join(","),
    ),
  )
  .action((options: { service: string; email: string; permissions: string }) =>
    run(async () => {
      const permissions = options.permissions
        .split(",")
        .map((permission) => permission.trim())
        .filter(Boolean);
      const unknown = permissions.filter((permission) => !ALL_PERMISSIONS.includes(permission as Permission));
      if (unknown.length)
        throw new Error(`Unknown permission ${unknown.join(", ")}. Choose from ${ALL_PERMISSIONS.join(", ")}`);
      await addTeamMember({
        actor: OPERATOR,
        serviceId: options.service,
        email: options.email,
        permissions: permissions as Permission[],
      });
      console.log(`${options.email} can now: ${permissions.join(", ")}`);
    }),
  );

program
  .command("create-api-key")
  .description("create an API key and print it once")
  .requiredOption("--service <id>", "service id")
  .addOption(new Option("--type <type>", "key type").choices([...KEY_TYPES]).makeOptionMandatory())
  .option("--name <name>", "a name to recognise the key by", "CLI key")
  .action((options: { service: string; type: (typeof KEY_TYPES)[number]; name: string }) =>
    run(async () => {
      const apiKey = await createApiKey({
        actor: OPERATOR,
        serviceId: options.service,
        name: options.name,
        keyType: options.type,
      });
      console.log(
        `Created ${apiKey.keyType} key ‘${apiKey.name}’. Copy it now; it cannot be shown again:\n\n${apiKey.key}\n`,
      );
    }),
  );

program
  .command("create-template")
  .description("create an email or text message template (until you use the console's editor)")
  .requiredOption("--service <id>", "service id")
  .addOption(new Option("--type <type>", "template type").choices(["email", "sms"]).makeOptionMandatory())
  .requiredOption("--name <name>", "template name")
  .option("--subject <subject>", "email subject, with ((placeholders))")
  .requiredOption("--content <content>", "message, with ((placeholders)); email supports Notify's markdown")
  .action((options: { service: string; type: "email" | "sms"; name: string; subject?: string; content: string }) =>
    run(async () => {
      const template = await createTemplate({
        actor: OPERATOR,
        serviceId: options.service,
        type: options.type,
        name: options.name,
        subject: options.subject ?? null,
        content: options.content.replace(/\\n/g, "\n"),
      });
      console.log(`Created ${template.type} template ‘${template.name}’\nTemplate id: ${template.id}`);
    }),
  );

program
  .command("assign-inbound-number")
  .description("give a service a phone number for receiving text messages")
  .requiredOption("--service <id>", "service id")
  .requiredOption("--number <e164>", "the number, like +447700900123")
  .action((options: { service: string; number: string }) =>
    run(async () => {
      await assignInboundNumber({ actor: OPERATOR, serviceId: options.service, number: options.number });
      console.log(`Texts to ${options.number} now go to the service.`);
    }),
  );

program.addCommand(phoneNumbersCommand(run));

program
  .command("re-encrypt-secrets")
  .description(
    "after rotating SECRET_KEY (old key in SECRET_KEY_PREVIOUS): encrypt every stored secret again with the new key",
  )
  .action(() =>
    run(async () => {
      for (const { what, reEncrypted, alreadyCurrent } of await reEncryptSecrets({ actor: OPERATOR }))
        console.log(`${what}: ${reEncrypted} encrypted again with SECRET_KEY, ${alreadyCurrent} already were.`);
      console.log("Nothing stored needs SECRET_KEY_PREVIOUS any more; remove it once every process has restarted.");
    }),
  );

program
  .command("sign-in-code")
  .description(
    "show the latest sign-in code sent to an email address or phone number (for installations without a real email or SMS provider)",
  )
  .requiredOption("--to <address>", "email address or phone number in E.164")
  .action((options: { to: string }) =>
    run(async () => {
      const sent = await latestSentSignInCode(options.to);
      console.log(
        sent
          ? `${sent.code} (sent ${sent.sentAt.toISOString()}, valid for 15 minutes)`
          : `No sign-in code has been sent to ${options.to}.`,
      );
    }),
  );

program
  .command("seed-notifications")
  .description(
    "fill a service with past notifications for trying the console at scale (needs an email and a text message template)",
  )
  .requiredOption("--service <id>", "service id")
  .option("--count <n>", "how many", "1000000")
  .option("--days <n>", "spread over this many past days", "7")
  .action((options: { service: string; count: string; days: string }) =>
    run(async () => {
      const count = Number.parseInt(options.count, 10);
      const days = Number.parseInt(options.days, 10);
      if (!(count > 0) || !(days > 0)) throw new Error("--count and --days must be positive whole numbers");
      const started = Date.now();
      await seedNotifications({
        actor: OPERATOR,
        serviceId: options.service,
        count,
        days,
        onProgress: (done) =>
          process.stdout.write(
            `\r${progressBar(done / count)} ${done.toLocaleString("en-GB")} of ${count.toLocaleString("en-GB")}`,
          ),
      });
      console.log(
        `\nSeeded ${count.toLocaleString("en-GB")} notifications in ${Math.round((Date.now() - started) / 1000)} s.`,
      );
    }),
  );

program
  .command("snapshot")
  .description("write a day's analytics snapshot to S3_BUCKET_SNAPSHOTS now (replacing that day's, if any)")
  .option("--day <YYYY-MM-DD>", "the day whose figures to write (default: yesterday, UTC)")
  .action((options: { day?: string }) =>
    run(async () => {
      if (options.day && !/^\d{4}-\d{2}-\d{2}$/.test(options.day)) throw new Error("--day must be a date: YYYY-MM-DD");
      const { manifest, replaced } = await writeDailySnapshot(
        options.day ? { day: new Date(`${options.day}T00:00:00Z`) } : {},
      );
      console.log(`${replaced ? "Replaced" : "Wrote"} the snapshot of ${manifest.day}:`);
      for (const file of manifest.files) console.log(`  ${file.key}  ${file.rows.toLocaleString("en-GB")} rows`);
    }),
  );

program
  .command("backup")
  .description(
    "back up the database to S3_BUCKET_BACKUPS (pg_dump, custom format), then restore it into a scratch database and verify it",
  )
  .action(() =>
    run(async () => {
      const { manifest, verification, deleted } = await runAsScheduledJob(
        queues.takeBackup.name,
        () => takeBackup(),
        (outcome) => `from the command line: ${describeBackup(outcome)}`,
      );
      console.log(
        `Backed up ${manifest.id}: ${manifest.dump.key} (${manifest.dump.bytes.toLocaleString("en-GB")} bytes, SHA-256 ${manifest.dump.sha256})`,
      );
      console.log(
        `Restored and verified: ${verification.tables} tables, ${verification.rows.toLocaleString("en-GB")} rows, foreign keys hold, ${verification.sampled} notifications read back identically.`,
      );
      if (deleted.length) console.log(`Deleted by retention: ${deleted.join(", ")}`);
    }),
  );

program
  .command("backups")
  .description("list the backups in S3_BUCKET_BACKUPS, oldest first")
  .action(() =>
    run(async () => {
      const ids = await listBackups();
      console.log(ids.length ? ids.join("\n") : "No backups yet.");
    }),
  );

program
  .command("restore")
  .description("restore a backup into a database and verify it; refuses a non-empty database without --force")
  .requiredOption("--from <backup>", "the backup's id, as `backups` lists them (e.g. 2026-12-01T020000Z)")
  .requiredOption("--into <database url>", "a postgresql:// URL of the database to restore into")
  .option("--force", "replace what the database holds (drops its schemas first)", false)
  .action((options: { from: string; into: string; force: boolean }) =>
    run(async () => {
      if (!/^postgres(ql)?:\/\//.test(options.into)) throw new Error("--into must be a postgresql:// URL");
      const report = await restoreBackup({
        actor: OPERATOR,
        backupId: options.from,
        into: options.into,
        force: options.force,
      });
      console.log(
        `Restored ${options.from} and verified it: ${report.tables} tables, ${report.rows.toLocaleString("en-GB")} rows, foreign keys hold, ${report.sampled} notifications read back identically.`,
      );
    }),
  );

const progressBar = (fraction: number, width = 30) =>
  `[${"#".repeat(Math.round(fraction * width)).padEnd(width, " ")}]`;

program
  .command("setup-link")
  .description("print a one-time link to create the first administrator (only while there are no users)")
  .action(() =>
    run(async () => {
      const token = await issueSetupToken();
      console.log(
        token ? `${config().publicUrl}/setup?token=${token}` : "Users exist already: sign in, or use create-user.",
      );
    }),
  );

async function run(task: () => Promise<void>): Promise<void> {
  let local: LocalEnvironment | undefined;
  try {
    local = await prepareLocalEnvironment();
    config();
    await task();
  } catch (error) {
    process.exitCode = 1;
    if (error instanceof ConfigError) console.error(error.message);
    else if (isAppError(error))
      console.error(
        Object.keys(error.fieldErrors).length
          ? Object.entries(error.fieldErrors)
              .map(([field, message]) => `${field}: ${message}`)
              .join("\n")
          : error.message,
      );
    else console.error(error instanceof Error ? error.message : error);
  } finally {
    await closeConnections();
    await local?.stop();
  }
}

async function promptForPassword(): Promise<string | undefined> {
  if (!process.stdin.isTTY) return undefined;
  const readline = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await readline.question("Password (leave empty to generate one): ");
  readline.close();
  return answer || undefined;
}

await program.parseAsync();
