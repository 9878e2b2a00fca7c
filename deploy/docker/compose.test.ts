// compose.yaml cannot be run here (no container engine); this checks that it describes the stack.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { POSTGRES_MAJOR_VERSION } from "../aws/lib/database";
import { unknownVariables } from "../known-variables";

const root = path.resolve(import.meta.dirname, "../..");

type Service = {
  image?: string;
  build?: { context: string; target?: string };
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { disable?: boolean; test?: string[] };
  ports?: string[];
};
const compose = parse(readFileSync(path.join(root, "compose.yaml"), "utf8"), { merge: true }) as {
  services: Record<string, Service>;
};
const { services } = compose;
const appServices = ["migrate", "web", "worker"] as const;

describe("compose.yaml", () => {
  it("runs PostgreSQL, the S3 stand-in, migrations, the web app and the worker", () => {
    expect(Object.keys(services).sort()).toEqual(["migrate", "postgres", "s3", "web", "worker"]);
  });

  it("runs the web app, the worker and migrations from the one production image, by command", () => {
    for (const name of appServices) {
      expect(services[name]!.build, name).toEqual({ context: "." });
      expect(services[name]!.image, name).toBe("tidings:local");
      expect(services[name]!.command, name).toEqual([name]);
    }
  });

  it("starts the web app and the worker only after migrations succeeded", () => {
    expect(services.migrate!.depends_on?.postgres?.condition).toBe("service_healthy");
    for (const name of ["web", "worker"]) {
      expect(services[name]!.depends_on?.migrate?.condition, name).toBe("service_completed_successfully");
    }
    expect(services.web!.ports).toEqual(["3000:3000"]);
    expect(services.web!.healthcheck).toBeUndefined();
  });

  it("uses the PostgreSQL version of the AWS deployment", () => {
    expect(services.postgres!.image).toBe(`postgres:${POSTGRES_MAJOR_VERSION}`);
  });

  it("points every bucket at the S3 stand-in, which creates them", () => {
    const environment = services.web!.environment!;
    expect(environment.AWS_ENDPOINT_URL_S3).toBe("http://s3:9090");
    const buckets = Object.entries(environment).filter(([name]) => name.startsWith("S3_BUCKET_"));
    expect(buckets.map(([name]) => name).sort()).toEqual([
      "S3_BUCKET_BACKUPS",
      "S3_BUCKET_BRANDING",
      "S3_BUCKET_CONTACT_LISTS",
      "S3_BUCKET_SNAPSHOTS",
      "S3_BUCKET_UPLOADS",
    ]);
    const created = services.s3!.environment!.COM_ADOBE_TESTING_S3MOCK_STORE_INITIAL_BUCKETS!.split(",");
    expect(created.sort()).toEqual(buckets.map(([, bucket]) => bucket).sort());
  });

  it("sets only variables Tidings reads, and keeps providers simulated", () => {
    for (const name of appServices) {
      const environment = services[name]!.environment!;
      expect(unknownVariables(Object.keys(environment)), name).toEqual([]);
      expect(environment.EMAIL_PROVIDER).toBe("simulated");
      expect(environment.SMS_PROVIDER).toBe("simulated");
      expect(environment.SECRET_KEY).toMatch(/^\$\{SECRET_KEY:\?/);
    }
  });
});
