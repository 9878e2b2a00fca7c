import { databaseUrl } from "../../tests/support/databases";

/** Points this process's lib code at the run's database, as the server under test uses. */
export function pointAtE2eDatabase(): { database: string; url: string } {
  const database = process.env.E2E_DATABASE;
  if (!database) throw new Error("E2E_DATABASE is set by playwright.config.ts");
  const url = databaseUrl(database);
  process.env.DATABASE_URL = url;
  process.env.SECRET_KEY = process.env.E2E_SECRET_KEY;
  return { database, url };
}
