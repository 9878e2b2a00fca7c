import { afterEach, describe, expect, it, vi } from "vitest";

const settings: { OTEL_EXPORTER_OTLP_ENDPOINT?: string; OTEL_SERVICE_NAME?: string } = {};
vi.mock("@/lib/config", () => ({ config: () => settings }));
// Each OpenTelemetry SDK package says when a process loads it; the real package is handed on.
const loaded: string[] = [];
vi.mock("@opentelemetry/sdk-trace", async (importOriginal) => {
  loaded.push("@opentelemetry/sdk-trace");
  return importOriginal();
});
vi.mock("@opentelemetry/exporter-trace-otlp-http", async (importOriginal) => {
  loaded.push("@opentelemetry/exporter-trace-otlp-http");
  return importOriginal();
});
const { startTelemetry } = await import("./start-telemetry");

afterEach(() => {
  delete settings.OTEL_EXPORTER_OTLP_ENDPOINT;
});

describe("startTelemetry", () => {
  // Loaded, the SDK and its exporter cost each web and worker process about 20 MB.
  it("loads none of OpenTelemetry's SDK without OTEL_EXPORTER_OTLP_ENDPOINT", async () => {
    const stop = await startTelemetry("web");
    await stop();
    expect(loaded).toEqual([]);
  });

  it("loads the SDK and its OTLP exporter once an endpoint is set", async () => {
    settings.OTEL_EXPORTER_OTLP_ENDPOINT = "http://127.0.0.1:4318";
    const stop = await startTelemetry("worker");
    await stop();
    expect(loaded.sort()).toEqual(["@opentelemetry/exporter-trace-otlp-http", "@opentelemetry/sdk-trace"]);
  });
});
