import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./index";

const valid = { DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/postgres", SECRET_KEY: "x".repeat(32) };

describe("loadConfig", () => {
  it("applies defaults", () => {
    const config = loadConfig(valid);
    expect(config.PORT).toBe(3000);
    expect(config.SESSION_TTL_HOURS).toBe(20);
    expect(config.publicUrl).toBe("http://localhost:3000");
  });

  it("derives the public URL from PORT and strips a trailing slash from PUBLIC_URL", () => {
    expect(loadConfig({ ...valid, PORT: "8080" }).publicUrl).toBe("http://localhost:8080");
    expect(loadConfig({ ...valid, PUBLIC_URL: "https://notify.example.gov/" }).publicUrl).toBe(
      "https://notify.example.gov",
    );
  });

  it("names every missing variable", () => {
    expect(() => loadConfig({})).toThrow(ConfigError);
    try {
      loadConfig({});
    } catch (error) {
      const message = (error as ConfigError).message;
      expect(message).toMatch(/DATABASE_URL is required/);
      expect(message).toMatch(/SECRET_KEY is required/);
    }
  });

  it("names the variable whose value is wrong", () => {
    expect(() => loadConfig({ ...valid, SECRET_KEY: "short" })).toThrow(/SECRET_KEY must be at least 32 characters/);
    expect(() => loadConfig({ ...valid, DATABASE_URL: "mysql://x" })).toThrow(
      /DATABASE_URL must be a postgresql:\/\/ connection string/,
    );
    expect(() => loadConfig({ ...valid, PORT: "abc" })).toThrow(/PORT/);
    expect(() => loadConfig({ ...valid, COOKIE_SECURE: "maybe" })).toThrow(/COOKIE_SECURE/);
  });

  it("treats empty values as unset", () => {
    expect(loadConfig({ ...valid, PORT: "" }).PORT).toBe(3000);
  });
});
