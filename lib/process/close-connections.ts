import "server-only";
import { disconnectDb } from "@/lib/db";
import { stopJobSender } from "@/lib/queue/boss";
import { disconnectRedis } from "@/lib/redis";

/** What a process closes as it stops: its job sender, then its database pool and its Redis connection. */
export async function closeConnections(): Promise<void> {
  await stopJobSender();
  await disconnectDb();
  await disconnectRedis();
}
