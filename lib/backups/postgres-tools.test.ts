import type pg from "pg";
import { describe, expect, it } from "vitest";
import { checkDumpable } from "./postgres-tools";

/** A client that answers the server's version as `version()` words it. */
const serverSaying = (description: string, server: string) =>
  ({ query: async () => ({ rows: [{ server, description }] }) }) as unknown as pg.ClientBase;

describe("checkDumpable", () => {
  it("refuses the embedded database (PGlite), even of a version pg_dump could dump", async () => {
    await expect(
      checkDumpable(
        serverSaying("PostgreSQL 13.2 (PGlite 0.5.14) on wasm32-unknown-emscripten, compiled by emcc", "13.2"),
      ),
    ).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringMatching(/embedded database of npm start \(PGlite\).*copy its data directory/),
    });
  });
});
