import "server-only";
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { AppError } from "@/lib/errors";

const run = promisify(execFile);

// libpq's own parameters; others (Prisma's, pg's) would make pg_dump refuse the URL.
const LIBPQ_PARAMETERS = new Set([
  "sslmode",
  "sslrootcert",
  "sslcert",
  "sslkey",
  "connect_timeout",
  "application_name",
  "options",
]);

/** A connection string pg_dump and pg_restore accept. */
export function libpqUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  for (const name of [...url.searchParams.keys()]) if (!LIBPQ_PARAMETERS.has(name)) url.searchParams.delete(name);
  return url.toString();
}

/** The same server, another database. */
export function databaseUrlFor(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export const databaseNameOf = (databaseUrl: string) => decodeURIComponent(new URL(databaseUrl).pathname.slice(1));

/** Runs pg_dump or pg_restore; a failure throws with what the tool said. */
export async function runTool(tool: "pg_dump" | "pg_restore", args: string[]): Promise<string> {
  try {
    const { stdout } = await run(tool, args, { maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const failure = error as { code?: string; stderr?: string; message: string };
    if (failure.code === "ENOENT")
      throw new AppError(
        "bad_request",
        `${tool} is not installed: install PostgreSQL's client tools (postgresql-client)`,
      );
    throw new Error(`${tool} failed: ${(failure.stderr ?? failure.message).trim().slice(0, 2000)}`);
  }
}

const majorOf = (version: string) => Number(/(\d+)(\.\d+)?/.exec(version)?.[1] ?? 0);

/**
 * pg_dump's version, after checking it can dump this server (its major version or an older one's).
 * The embedded database of `npm start` (PGlite, named in its `version()`) is refused whichever
 * client tools are installed: it is backed up by copying its data directory instead, and this says so.
 */
export async function checkDumpable(client: pg.ClientBase): Promise<{ pgDump: string; server: string }> {
  const { server, description } = (
    await client.query<{ server: string; description: string }>(
      "SELECT current_setting('server_version') AS server, version() AS description",
    )
  ).rows[0]!;
  if (/\bPGlite\b/.test(description))
    throw new AppError(
      "bad_request",
      "The embedded database of npm start (PGlite) is not backed up with pg_dump: stop Tidings and copy its data directory (.data/pgdata) instead.",
    );
  const pgDump = (await runTool("pg_dump", ["--version"])).trim();
  if (majorOf(server) > majorOf(pgDump.replace(/^\D+/, "")))
    throw new AppError(
      "bad_request",
      `${pgDump} cannot dump PostgreSQL ${server}: install the client tools of version ${majorOf(server)} or newer.`,
    );
  return { pgDump, server };
}

/** Connects a pg client for the duration of `work`. */
export async function withClient<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Streams pg_dump's custom-format output of `databaseUrl` in `snapshot` to `file`. */
export function dumpInSnapshot(databaseUrl: string, snapshot: string, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      "pg_dump",
      [
        "--format=custom",
        "--no-owner",
        "--no-privileges",
        `--snapshot=${snapshot}`,
        `--file=${file}`,
        libpqUrl(databaseUrl),
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`pg_dump failed: ${stderr.trim().slice(0, 2000)}`)),
    );
  });
}
