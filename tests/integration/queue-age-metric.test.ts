import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfig } from "@/lib/config";
import { publishQueueAge } from "@/lib/operations/publish-queue-age";
import { enqueue } from "@/lib/queue/boss";
import { queues } from "@/lib/queue/queues";

// A CloudWatch stand-in: keeps each request's body.
const received: string[] = [];
let server: http.Server;
beforeAll(async () => {
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push(Buffer.concat(chunks).toString("latin1"));
      response.writeHead(200, { "content-type": request.headers["content-type"] ?? "application/cbor" }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  Object.assign(process.env, {
    AWS_REGION: "eu-west-2",
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_ENDPOINT_URL_CLOUDWATCH: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  });
  resetConfig();
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("the queue-age metric for the CloudWatch alarm", () => {
  it("publishes the age of the oldest job due in any queue", async () => {
    await enqueue(queues.cleanupExpiredSessions, {});
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const seconds = await publishQueueAge();
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(received).toHaveLength(1);
    expect(received[0]).toContain("QueueOldestJobAgeSeconds");
    expect(received[0]).toContain("Tidings");
  });
});
