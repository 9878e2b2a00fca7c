import { NotifyClient } from "notifications-node-client";
import { afterAll, beforeAll } from "vitest";
import { resetConfig } from "@/lib/config";
import { startRouteServer } from "./route-server";

/** Serves the app's route handlers for this test file and points PUBLIC_URL at them. */
export function apiServerForThisFile(): { url: () => string; client: (apiKey: string) => NotifyClient } {
  let server: Awaited<ReturnType<typeof startRouteServer>> | undefined;
  beforeAll(async () => {
    server = await startRouteServer();
    process.env.PUBLIC_URL = server.url;
    resetConfig();
  });
  afterAll(async () => {
    await server?.close();
  });
  return {
    url: () => server!.url,
    client: (apiKey: string) => new NotifyClient(server!.url, apiKey),
  };
}

type AxiosLikeError = { response?: { status: number; data: unknown } };

/** The status and body of a failed client call, or the success itself if it did not fail. */
export async function failureOf(
  call: Promise<unknown>,
): Promise<{ status: number; data: { status_code: number; errors: { error: string; message: string }[] } }> {
  try {
    const result = await call;
    throw new Error(`expected the call to fail, got ${JSON.stringify((result as { data?: unknown }).data ?? result)}`);
  } catch (error) {
    const response = (error as AxiosLikeError).response;
    if (!response) throw error;
    return response as never;
  }
}
