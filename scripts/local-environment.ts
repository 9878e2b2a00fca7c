import { existsSync } from "node:fs";
import { readFile, writeFile, mkdir, chmod } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded";

/** Where `npm start` keeps the embedded database and generated secrets. */
export const DATA_DIR = path.resolve(process.env.TIDINGS_DATA_DIR ?? ".data");
const RUNTIME_FILE = path.join(DATA_DIR, "embedded-postgres.json");

/**
 * Fills in what a zero-setup start needs and the operator did not set: a SECRET_KEY generated
 * once and kept under .data/, and the embedded database when DATABASE_URL is unset. A command
 * run beside a running `npm start` joins its embedded database rather than opening a second one.
 */
export async function prepareLocalEnvironment(
  options: { embeddedPort?: number } = {},
): Promise<{ embedded?: EmbeddedPostgres; joined?: boolean }> {
  process.env.SECRET_KEY ||= await localSecretKey();
  if (process.env.DATABASE_URL) return {};

  const running = await runningEmbeddedUrl();
  if (running) {
    process.env.DATABASE_URL = running;
    return { joined: true };
  }
  const embedded = await startEmbeddedPostgres(path.join(DATA_DIR, "pgdata"), options.embeddedPort ?? 0);
  await writeFile(RUNTIME_FILE, JSON.stringify({ url: embedded.url, port: embedded.port, pid: process.pid }));
  process.env.DATABASE_URL = embedded.url;
  return { embedded };
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

async function runningEmbeddedUrl(): Promise<string | null> {
  if (!existsSync(RUNTIME_FILE)) return null;
  const { url, port, pid } = JSON.parse(await readFile(RUNTIME_FILE, "utf8")) as {
    url: string;
    port: number;
    pid: number;
  };
  if (!isProcessAlive(pid) || !(await isPortOpen(port))) return null;
  return url;
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
