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

  it("takes the email domain from EMAIL_DOMAIN, else from PUBLIC_URL's host when that is a real domain", () => {
    const fromPublicUrl = loadConfig({ ...valid, PUBLIC_URL: "https://notify.example.gov:8443/" });
    expect(fromPublicUrl).toMatchObject({ emailDomain: "notify.example.gov", emailDomainConfigured: true });
    expect(loadConfig({ ...valid, EMAIL_DOMAIN: "mail.example.gov" })).toMatchObject({
      emailDomain: "mail.example.gov",
      emailDomainConfigured: true,
    });
    for (const PUBLIC_URL of [undefined, "http://localhost:3210", "http://127.0.0.1:3000", "http://tidings.localhost"])
      expect(loadConfig({ ...valid, PUBLIC_URL }).emailDomainConfigured).toBe(false);
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
    expect(loadConfig({ ...valid, BACKUP_SCHEDULE: "0 3 * * *" }).BACKUP_SCHEDULE).toBe("0 3 * * *");
    for (const BACKUP_SCHEDULE of ["0 3 * *", "0 0 3 * * *", "every night", "99 3 * * *"])
      expect(() => loadConfig({ ...valid, BACKUP_SCHEDULE })).toThrow(/BACKUP_SCHEDULE must be a cron expression/);
    expect(() => loadConfig({ ...valid, UNSUBSCRIBE_EMAIL_ADDRESS: "unsubscribe" })).toThrow(
      /UNSUBSCRIBE_EMAIL_ADDRESS must be an email address SES receives for Tidings/,
    );
    expect(loadConfig({ ...valid, UNSUBSCRIBE_EMAIL_ADDRESS: "unsubscribe@notify.example.gov" })).toMatchObject({
      UNSUBSCRIBE_EMAIL_ADDRESS: "unsubscribe@notify.example.gov",
    });
  });

  it("refuses to count on Send events without the configuration set that publishes them", () => {
    expect(() => loadConfig({ ...valid, SES_SEND_EVENTS: "true" })).toThrow(
      /SES_SEND_EVENTS needs SES_CONFIGURATION_SET/,
    );
    expect(() => loadConfig({ ...valid, SMS_TEXT_EVENTS: "true" })).toThrow(
      /SMS_TEXT_EVENTS needs SMS_CONFIGURATION_SET/,
    );
    expect(loadConfig({ ...valid, SES_SEND_EVENTS: "true", SES_CONFIGURATION_SET: "tidings" }).SES_SEND_EVENTS).toBe(
      true,
    );
  });

  it("treats empty values as unset", () => {
    expect(loadConfig({ ...valid, PORT: "" }).PORT).toBe(3000);
  });
});
