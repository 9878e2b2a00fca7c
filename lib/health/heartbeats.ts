import "server-only";
import os from "node:os";
import { db } from "@/lib/db";

export type WorkerIdentity = { id: string; hostname: string; pid: number; startedAt: Date };

export function newWorkerIdentity(): WorkerIdentity {
  const hostname = os.hostname();
  return { id: `${hostname}:${process.pid}:${Date.now()}`, hostname, pid: process.pid, startedAt: new Date() };
}

export async function recordHeartbeat(worker: WorkerIdentity, at: Date = new Date()): Promise<void> {
  await db.workerHeartbeat.upsert({
    where: { id: worker.id },
    create: { ...worker, lastBeatAt: at },
    update: { lastBeatAt: at },
  });
}

/** Rows of workers gone for a day are only clutter. */
export async function deleteStaleHeartbeats(olderThan: Date): Promise<number> {
  return (await db.workerHeartbeat.deleteMany({ where: { lastBeatAt: { lt: olderThan } } })).count;
}
