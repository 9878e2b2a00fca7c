import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { config } from "@/lib/config";
import { log } from "@/lib/log";

/** The client handed to a `db.$transaction(async (tx) => …)` callback. */
export type DbTransaction = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
/** Either the client or a transaction: lib functions that can join a caller's transaction take this. */
export type DbClient = PrismaClient | DbTransaction;

type Handles = { client: PrismaClient; pool: pg.Pool };
const globalForDb = globalThis as unknown as { tidingsDb?: Handles };

function handles(): Handles {
  if (!globalForDb.tidingsDb) {
    const { DATABASE_URL, DATABASE_POOL_SIZE, DATABASE_CONNECT_TIMEOUT_MS, DATABASE_STATEMENT_TIMEOUT_MS } = config();
    const pool = new pg.Pool({
      connectionString: DATABASE_URL,
      max: DATABASE_POOL_SIZE,
      // A database that stops answering must fail requests, not hold them: the server-side
      // statement_timeout ends slow statements, the client-side query_timeout gives up on a
      // server that sends nothing at all.
      connectionTimeoutMillis: DATABASE_CONNECT_TIMEOUT_MS,
      statement_timeout: DATABASE_STATEMENT_TIMEOUT_MS,
      query_timeout: DATABASE_STATEMENT_TIMEOUT_MS + 1000,
    });
    // An idle connection the server closed (restart, failover) is replaced on next use; without a listener it would crash the process.
    pool.on("error", (error) => log.warn({ err: error }, "idle database connection lost"));
    globalForDb.tidingsDb = { pool, client: new PrismaClient({ adapter: new PrismaPg(pool) }) };
  }
  return globalForDb.tidingsDb;
}

/**
 * The one Prisma client of this process, created on first use so that importing a module
 * (as `next build` does) never needs a database.
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const target = handles().client;
    const value: unknown = Reflect.get(target, property);
    return typeof value === "function" ? value.bind(target) : value;
  },
});

/**
 * Lends `work` a connection of the pool under `db`, for the few bulk statements of the API's hot
 * path: Prisma's query compiler copies and parses every parameter of a raw query, which for a batch
 * of messages costs more than the statement itself. If `work` fails, its transaction is rolled back.
 */
export async function withPoolConnection<T>(work: (connection: pg.PoolClient) => Promise<T>): Promise<T> {
  const connection = await handles().pool.connect();
  let result: T;
  try {
    result = await work(connection);
  } catch (error) {
    // The failed statement's transaction status arrives after its error, so roll back regardless
    // (a no-op outside a transaction); a connection that cannot even do that is discarded.
    const broken = await connection.query("ROLLBACK").then(
      () => false,
      () => true,
    );
    connection.release(broken);
    throw error;
  }
  connection.release();
  return result;
}

/** One statement on the pool under `db`, outside Prisma, for the same reason as `withPoolConnection`. */
export async function poolQuery<Row extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<Row[]> {
  return (await handles().pool.query<Row>(text, values)).rows;
}

export async function disconnectDb(): Promise<void> {
  const existing = globalForDb.tidingsDb;
  globalForDb.tidingsDb = undefined;
  await existing?.client.$disconnect();
  await existing?.pool.end();
}

/** True for a unique-constraint violation (Prisma's P2002, PostgreSQL's 23505), which callers turn into a "conflict". */
export function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    "code" in error &&
    ["P2002", "23505"].includes((error as { code: unknown }).code as string)
  );
}

// pg's own words for a server that does not answer or went away, and the SQLSTATE, Node and
// Prisma codes for the same (statement timeout, shutdown, too many connections, connection lost),
// or for a server out of resources (disk full, out of memory): nothing the request did wrong, and
// it may succeed once the operator has made room.
const UNAVAILABLE_MESSAGE =
  /^(Query read timeout|timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error)/;
const UNAVAILABLE_CODES = new Set([
  "57014",
  "57P01",
  "57P02",
  "57P03",
  "53000",
  "53100",
  "53200",
  "53300",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "P1001",
  "P1002",
  "P1008",
  "P1017",
  "P2024",
]);
const UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);

/**
 * True when an error means the database cannot be reached or stopped answering (as opposed to a
 * bug or a refused statement): callers answer 503, "try again later", rather than 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const { message, code, kind, originalCode, cause, meta } = current as Record<string, unknown>;
    // Node's word for a request whose client went away: its socket's ECONNRESET is not the database's.
    if (message === "aborted") return false;
    if (typeof message === "string" && UNAVAILABLE_MESSAGE.test(message)) return true;
    if ([code, originalCode].some((value) => typeof value === "string" && UNAVAILABLE_CODES.has(value))) return true;
    if (typeof kind === "string" && UNAVAILABLE_KINDS.has(kind)) return true;
    // A raw statement's failure (Prisma's P2010, "raw query failed") says why only in the driver's
    // error under `meta`, whose cause has the kind (ConnectionClosed).
    const driverError = (meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError;
    current = cause ?? driverError;
  }
  return false;
}

/**
 * Runs `work` again while the database is unavailable, waiting 250 ms and then twice as long each
 * time, for about `withinMs` in all; then (or on any other error) it throws. For the few writes
 * that record something already done elsewhere and cannot be redone (the provider accepted a
 * message: its reference must be stored), so that a short outage does not lose them.
 */
export async function retryWhileDatabaseUnavailable<T>(work: () => Promise<T>, withinMs = 60_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (let waitMs = 250; ; waitMs = Math.min(waitMs * 2, 5000)) {
    try {
      return await work();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() + waitMs > deadline) throw error;
      log.warn({ err: error, retryInMs: waitMs }, "database unavailable; trying the write again");
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}
