import { existsSync } from "node:fs";
import { readFile, writeFile, mkdir, chmod } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { configSchema } from "@/lib/config";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded";
import { S3_STAND_IN_CREDENTIALS, startS3StandIn } from "./stand-ins/s3";
import { startSmsStandIn } from "./stand-ins/sms";

/** Where `npm start` keeps the embedded database and generated secrets. */
export const DATA_DIR = path.resolve(process.env.TIDINGS_DATA_DIR ?? ".data");
const RUNTIME_FILE = path.join(DATA_DIR, "embedded-postgres.json");

export type LocalEnvironment = {
  /** The embedded database, when this process started it (rather than using DATABASE_URL or joining). */
  embedded?: EmbeddedPostgres;
  /** Stops what this process started. */
  stop: () => Promise<void>;
};

type Runtime = { url: string; port: number; pid: number; s3Url?: string; s3Port?: number; smsUrl?: string };

/**
 * Fills in what a zero-setup start needs and the operator did not set: a SECRET_KEY generated
 * once and kept under .data/, the embedded database when DATABASE_URL is unset, and, without an AWS
 * account (AWS_REGION), an S3 stand-in keeping its files in .data/s3 with the buckets created, and
 * an End User Messaging SMS stand-in (its phone numbers, opt-out lists and registrations kept in
 * .data/sms-stand-in.json, starting with a few simulator numbers) for the phone numbers page. A
 * command run beside a running `npm start` joins its database and S3 rather than opening second ones.
 */
export async function prepareLocalEnvironment(options: { embeddedPort?: number } = {}): Promise<LocalEnvironment> {
  process.env.SECRET_KEY ||= await localSecretKey();
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne();
  };
  const running = process.env.DATABASE_URL ? null : await runningEmbedded();
  let embedded: EmbeddedPostgres | undefined;
  if (!process.env.DATABASE_URL) {
    if (running) process.env.DATABASE_URL = running.url;
    else {
      embedded = await startEmbeddedPostgres(path.join(DATA_DIR, "pgdata"), options.embeddedPort ?? 0);
      stops.push(() => embedded!.stop());
      process.env.DATABASE_URL = embedded.url;
    }
  }
  let s3Port: number | undefined;
  if (!process.env.AWS_REGION && !process.env.AWS_ENDPOINT_URL_S3) {
    if (running?.s3Url) process.env.AWS_ENDPOINT_URL_S3 = running.s3Url;
    else {
      const s3 = await startS3StandIn({ directory: path.join(DATA_DIR, "s3"), buckets: bucketNames() });
      stops.push(s3.close);
      process.env.AWS_ENDPOINT_URL_S3 = s3.url;
      s3Port = Number(new URL(s3.url).port);
    }
    process.env.AWS_ACCESS_KEY_ID ||= S3_STAND_IN_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY ||= S3_STAND_IN_CREDENTIALS.secretAccessKey;
  }
  let smsUrl: string | undefined;
  if (!process.env.AWS_REGION && !process.env.AWS_ENDPOINT_URL_SMS) {
    if (running?.smsUrl && (await isPortOpen(Number(new URL(running.smsUrl).port))))
      process.env.AWS_ENDPOINT_URL_SMS = running.smsUrl;
    else {
      await mkdir(DATA_DIR, { recursive: true });
      const sms = await startSmsStandIn({
        // Kept beside the embedded database it goes with; a database elsewhere gets a fresh account.
        ...(embedded ? { stateFile: path.join(DATA_DIR, "sms-stand-in.json") } : {}),
        seed: true,
        activateAfterMs: 5_000,
        port: Number(process.env.SMS_STAND_IN_PORT ?? 0),
      });
      stops.push(sms.close);
      process.env.AWS_ENDPOINT_URL_SMS = smsUrl = sms.url;
    }
    process.env.SMS_INBOUND_TOPIC_ARN ||= "arn:aws:sns:us-east-1:111122223333:tidings-inbound-sms";
  }
  if (embedded) {
    const runtime: Runtime = { url: embedded.url, port: embedded.port, pid: process.pid };
    if (s3Port) Object.assign(runtime, { s3Url: process.env.AWS_ENDPOINT_URL_S3, s3Port });
    if (smsUrl) Object.assign(runtime, { smsUrl });
    await writeFile(RUNTIME_FILE, JSON.stringify(runtime));
  }
  return { ...(embedded ? { embedded } : {}), stop };
}

/** The buckets' names as configured (or their defaults), read before the configuration is complete. */
function bucketNames(): string[] {
  const shape = configSchema.shape;
  const name = (
    key:
      | "S3_BUCKET_UPLOADS"
      | "S3_BUCKET_CONTACT_LISTS"
      | "S3_BUCKET_SNAPSHOTS"
      | "S3_BUCKET_BACKUPS"
      | "S3_BUCKET_BRANDING",
  ) => shape[key].parse(process.env[key] || undefined);
  return [
    name("S3_BUCKET_UPLOADS"),
    name("S3_BUCKET_CONTACT_LISTS"),
    name("S3_BUCKET_SNAPSHOTS"),
    name("S3_BUCKET_BACKUPS"),
    name("S3_BUCKET_BRANDING"),
  ];
}

async function localSecretKey(): Promise<string> {
  const file = path.join(DATA_DIR, "secret-key");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  await mkdir(DATA_DIR, { recursive: true });
  const key = randomBytes(48).toString("base64url");
  await writeFile(file, `${key}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return key;
}

async function runningEmbedded(): Promise<Runtime | null> {
  if (!existsSync(RUNTIME_FILE)) return null;
  const runtime = JSON.parse(await readFile(RUNTIME_FILE, "utf8")) as Runtime;
  if (!isProcessAlive(runtime.pid) || !(await isPortOpen(runtime.port))) return null;
  if (runtime.s3Port && !(await isPortOpen(runtime.s3Port))) return { ...runtime, s3Url: undefined };
  return runtime;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function isPortOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}
