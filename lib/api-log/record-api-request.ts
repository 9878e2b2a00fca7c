import "server-only";
import { v7 as uuidv7 } from "uuid";
import { poolQuery } from "@/lib/db";
import { log } from "@/lib/log";

export type ApiRequestRecord = {
  serviceId: string;
  apiKeyId: string | null;
  method: string;
  path: string;
  statusCode: number;
  errorType: string | null;
  errorMessage: string | null;
  durationMs: number;
  createdAt: Date;
};

const FLUSH_INTERVAL_MS = 1000;
const BATCH_SIZE = 1000;
// If the database cannot keep up, later records are dropped rather than memory growing without bound.
const MAX_PENDING = 20_000;

const pending: ApiRequestRecord[] = [];
let timer: NodeJS.Timeout | undefined;
let dropped = 0;

/**
 * Notes the outcome of an API request for the console's API log. It only appends to memory, so
 * the request never waits for the database: records are written in batches about once a second.
 * Records still in memory when the process dies are lost, which a debugging aid can afford.
 */
export function recordApiRequest(record: ApiRequestRecord): void {
  if (pending.length >= MAX_PENDING) {
    dropped++;
    return;
  }
  pending.push(record);
  // unref: a pending flush must not keep a process alive that is otherwise done.
  timer ??= setTimeout(() => void flushApiRequestLog(), FLUSH_INTERVAL_MS).unref();
}

/** Writes every record noted so far. Runs on its own timer; tests and shutdown call it directly. */
export async function flushApiRequestLog(): Promise<void> {
  clearTimeout(timer);
  timer = undefined;
  if (dropped > 0) {
    log.warn({ dropped }, "API request log records dropped: the database is not keeping up");
    dropped = 0;
  }
  while (pending.length > 0) {
    const batch = pending.splice(0, BATCH_SIZE);
    try {
      await insertRecords(batch);
    } catch (error) {
      log.warn({ err: error, records: batch.length }, "could not write API request log records");
    }
  }
}

// On the pool, not through Prisma, whose query compiler would parse a thousand rows of parameters
// every second under load (see withPoolTransaction).
async function insertRecords(records: ApiRequestRecord[]): Promise<void> {
  const rows = records.map((record) => ({
    id: uuidv7(),
    service_id: record.serviceId,
    api_key_id: record.apiKeyId,
    method: record.method,
    path: record.path,
    status_code: record.statusCode,
    error_type: record.errorType,
    error_message: record.errorMessage,
    duration_ms: record.durationMs,
    created_at: record.createdAt,
  }));
  await poolQuery(
    `INSERT INTO api_request_logs (id, service_id, api_key_id, method, path, status_code, error_type, error_message, duration_ms, created_at)
     SELECT r.* FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, service_id uuid, api_key_id uuid, method text, path text, status_code int, error_type text,
       error_message text, duration_ms int, created_at timestamptz)`,
    [JSON.stringify(rows)],
  );
}
