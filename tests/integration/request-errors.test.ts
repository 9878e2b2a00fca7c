import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { apiServerForThisFile } from "../support/api-harness";
import { authorizationFor } from "../support/api-token";
import { makeApiKey, makeService } from "../support/factories";

const api = apiServerForThisFile();
let apiKey: string;

beforeAll(async () => {
  const service = await makeService();
  apiKey = (await makeApiKey(service.id)).key;
});
afterEach(() => vi.restoreAllMocks());

describe("an unexpected failure of a request", () => {
  it("is logged once with the request id the response carries", async () => {
    const logged = vi.spyOn(log, "error");
    // A bug of ours, as far as the API can tell: the table it reads is not there.
    await db.$executeRawUnsafe("ALTER TABLE notifications RENAME TO notifications_elsewhere");
    try {
      const response = await fetch(`${api.url()}/v2/notifications`, {
        headers: { authorization: authorizationFor(apiKey) },
      });
      expect(response.status).toBe(500);
      const requestId = response.headers.get("x-request-id");
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(logged).toHaveBeenCalledTimes(1);
      expect(logged).toHaveBeenCalledWith(
        expect.objectContaining({ requestId, path: "/v2/notifications" }),
        "v2 API request failed",
      );
    } finally {
      await db.$executeRawUnsafe("ALTER TABLE notifications_elsewhere RENAME TO notifications");
    }
  });
});
