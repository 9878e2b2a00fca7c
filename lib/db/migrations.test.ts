import { describe, expect, it } from "vitest";
import { migrationChecksum } from "./migrations";

describe("migrationChecksum", () => {
  it("is the SHA-256 hex digest of the script, as Prisma records it", () => {
    expect(migrationChecksum("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(migrationChecksum("SELECT 1;\n")).toMatch(/^[0-9a-f]{64}$/);
  });
});
