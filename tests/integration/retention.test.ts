import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { applyDataRetention } from "@/lib/retention/apply-data-retention";
import { makeService } from "../support/factories";

describe("the nightly retention job", () => {
  it("forgets stored idempotent responses (which hold rendered message bodies) once their key has expired", async () => {
    const service = await makeService();
    const response = { id: "n", content: { body: "Your permit PX-1 is ready" } };
    const stored = (key: string, hoursAgo: number) =>
      db.apiIdempotencyKey.create({
        data: {
          serviceId: service.id,
          key,
          requestHash: "hash",
          statusCode: 201,
          responseBody: response,
          createdAt: new Date(Date.now() - hoursAgo * 3_600_000),
        },
      });
    await stored("yesterday-and-more", 30);
    await stored("an-hour-ago", 1);

    const outcome = await applyDataRetention();

    expect(outcome.idempotentResponses).toBe(1);
    const left = await db.apiIdempotencyKey.findMany({ where: { serviceId: service.id }, select: { key: true } });
    expect(left.map((row) => row.key)).toEqual(["an-hour-ago"]);
  });
});
