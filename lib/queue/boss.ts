import "server-only";
import { PgBoss, fromPrisma, type ConstructorOptions, type SendOptions } from "pg-boss";
import { escapeLiteral } from "pg";
import type { z } from "zod";
import { config } from "@/lib/config";
import type { DbTransaction } from "@/lib/db";
import { log } from "@/lib/log";
import { allQueues, type QueueDefinition } from "./queues";

export const PG_BOSS_SCHEMA = "pgboss";

export function createBoss(connectionString: string, options: Partial<ConstructorOptions> = {}): PgBoss {
  const boss = new PgBoss({ connectionString, schema: PG_BOSS_SCHEMA, application_name: "tidings", ...options });
  boss.on("error", (error) => log.error({ err: error }, "job queue error"));
  return boss;
}

/** Installs or upgrades pg-boss's schema and creates every queue with its current options. */
export async function installJobQueues(connectionString: string): Promise<void> {
  const boss = createBoss(connectionString, { supervise: false, schedule: false, migrate: true, max: 2 });
  await boss.start();
  try {
    for (const queue of allQueues) {
      await boss.createQueue(queue.name, queue.options);
      await boss.updateQueue(queue.name, queue.options);
    }
  } finally {
    await boss.stop({ graceful: false });
  }
}

const globalForBoss = globalThis as unknown as { tidingsSender?: Promise<PgBoss> };

/**
 * A pg-boss instance that only sends jobs (the web app's). Maintenance and schedules run in the
 * worker; the schema is installed by `npm run db:migrate`.
 */
function sender(): Promise<PgBoss> {
  globalForBoss.tidingsSender ??= (async () => {
    const boss = await createBoss(config().DATABASE_URL, {
      supervise: false,
      schedule: false,
      migrate: false,
      max: 4,
    }).start();
    // pg-boss reads a queue's settings from the database on its first job and keeps them. Reading
    // them all now (an insert of no jobs, run nowhere) means that sending inside a transaction never
    // needs pg-boss's own connections, which the embedded database (one transaction at a time)
    // would keep waiting for that transaction.
    const nowhere = { executeSql: async () => ({ rows: [] }) };
    for (const queue of allQueues) {
      // A queue not installed yet is reported when a job is sent to it, not here.
      await boss.insert(queue.name, [], { db: nowhere }).catch(() => undefined);
    }
    return boss;
  })();
  return globalForBoss.tidingsSender;
}

/** Starts this process's job sender up front (see `sender`), so that no transaction waits on its start. */
export async function startJobSender(): Promise<void> {
  await sender();
}

export type EnqueueOptions = Omit<SendOptions, "db"> & {
  /** Send inside this Prisma transaction, so the job exists exactly when the caller's rows commit. */
  transaction?: DbTransaction;
};

export async function enqueue<Payload extends z.ZodType>(
  queue: QueueDefinition<Payload>,
  payload: z.input<Payload>,
  options: EnqueueOptions = {},
): Promise<string | null> {
  const data = queue.payload.parse(payload) as object;
  const { transaction, ...sendOptions } = options;
  const boss = await sender();
  return boss.send(queue.name, data, { ...sendOptions, ...(transaction ? { db: fromPrisma(transaction) } : {}) });
}

/** Sends many jobs to one queue in one statement, inside the caller's Prisma transaction when given one. */
export async function enqueueMany<Payload extends z.ZodType>(
  queue: QueueDefinition<Payload>,
  payloads: z.input<Payload>[],
  options: { transaction?: DbTransaction } = {},
): Promise<void> {
  if (payloads.length === 0) return;
  const boss = await sender();
  await boss.insert(
    queue.name,
    payloads.map((payload) => ({ data: queue.payload.parse(payload) as object })),
    options.transaction ? { db: fromPrisma(options.transaction) } : {},
  );
}

/**
 * The statement with which pg-boss inserts these jobs into one queue (its `insert`), with its one
 * parameter inlined, so that a writer can send it in the same round trip as the other statements
 * of its transaction, as pg-boss itself does for flows.
 */
export async function jobInsertStatement<Payload extends z.ZodType>(
  queue: QueueDefinition<Payload>,
  jobs: { payload: z.input<Payload>; startAfter?: Date }[],
): Promise<string> {
  const boss = await sender();
  let statement: string | undefined;
  const capture = {
    executeSql: async (text: string, values: unknown[] = []) => {
      statement = inlineOnlyParameter(text, values);
      return { rows: [] };
    },
  };
  await boss.insert(
    queue.name,
    jobs.map(({ payload, startAfter }) => ({
      data: queue.payload.parse(payload) as object,
      ...(startAfter ? { startAfter } : {}),
    })),
    { db: capture },
  );
  if (statement === undefined) throw new Error("pg-boss produced no insert statement");
  return statement;
}

function inlineOnlyParameter(text: string, values: unknown[]): string {
  const [value] = values;
  // Guards the inlining against a pg-boss upgrade that changes the statement's shape.
  if (values.length !== 1 || typeof value !== "string" || text.split("$1").length !== 2 || text.includes("$2"))
    throw new Error("unexpected shape of pg-boss's insert statement");
  return text.replace("$1", () => escapeLiteral(value));
}

export async function stopJobSender(): Promise<void> {
  const pending = globalForBoss.tidingsSender;
  globalForBoss.tidingsSender = undefined;
  if (pending) await (await pending).stop({ graceful: false });
}
