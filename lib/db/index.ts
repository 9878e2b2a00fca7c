import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { config } from "@/lib/config";

export type Db = PrismaClient;
/** The client handed to a `db.$transaction(async (tx) => …)` callback. */
export type DbTransaction = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
/** Either the client or a transaction: lib functions that can join a caller's transaction take this. */
export type DbClient = Db | DbTransaction;

export function createDbClient(databaseUrl: string, poolSize: number): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: poolSize });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { tidingsDb?: PrismaClient };

function client(): PrismaClient {
  if (!globalForDb.tidingsDb) {
    const { DATABASE_URL, DATABASE_POOL_SIZE } = config();
    globalForDb.tidingsDb = createDbClient(DATABASE_URL, DATABASE_POOL_SIZE);
  }
  return globalForDb.tidingsDb;
}

/**
 * The one Prisma client of this process, created on first use so that importing a module
 * (as `next build` does) never needs a database.
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const target = client();
    const value: unknown = Reflect.get(target, property);
    return typeof value === "function" ? value.bind(target) : value;
  },
});

export async function disconnectDb(): Promise<void> {
  const existing = globalForDb.tidingsDb;
  globalForDb.tidingsDb = undefined;
  await existing?.$disconnect();
}

/** True for a unique-constraint violation (Prisma's P2002), which callers turn into a "conflict". */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002";
}
