import { afterAll, inject } from "vitest";
import { flushApiRequestLog } from "@/lib/api-log/record-api-request";
import { resetConfig } from "@/lib/config";
import { disconnectDb } from "@/lib/db";
import { stopJobSender } from "@/lib/queue/boss";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "../support/databases";

// Each test file runs against its own clone of the migrated template, so files run in parallel
// and never see each other's rows.
const name = uniqueDatabaseName("tidings_test");
process.env.DATABASE_URL = await createDatabase(name, inject("templateDatabase"));
process.env.SECRET_KEY = "integration-tests-secret-key-0123456789abcdef";
process.env.DATABASE_POOL_SIZE = "4";
resetConfig();

afterAll(async () => {
  await flushApiRequestLog();
  await stopJobSender();
  await disconnectDb();
  await dropDatabase(name);
});
