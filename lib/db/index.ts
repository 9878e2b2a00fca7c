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
    const { DATABASE_URL, DATABASE_POOL_SIZE } = config();
    const pool = new pg.Pool({ connectionString: DATABASE_URL, max: DATABASE_POOL_SIZE });
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
