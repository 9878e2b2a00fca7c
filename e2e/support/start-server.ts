// Playwright's web server: a fresh database for the run, then Tidings exactly as `npm start` runs it.
import { spawn } from "node:child_process";
import { createDatabase, dropDatabase } from "../../tests/support/databases";
import { pointAtE2eDatabase } from "./environment";
import { SERVER_NODE_FLAGS } from "../../scripts/node-flags";

const { database, url } = pointAtE2eDatabase();
await dropDatabase(database);
await createDatabase(database);

const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, "scripts/start.ts"], {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: url },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => server.kill(signal));
server.once("exit", (code) => {
  // The run's database goes with the server that used it.
  void dropDatabase(database).finally(() => process.exit(code ?? 0));
});
