import http from "node:http";
import type { AddressInfo } from "node:net";

type Received = {
  authorization: string | undefined;
  body: Record<string, unknown>;
  /** The body exactly as it arrived, as a receiver verifies a signature over it. */
  rawBody: string;
  headers: http.IncomingHttpHeaders;
};

/** A service's callback endpoint: records each POST and answers with the next queued status (200 when none). */
export async function startCallbackReceiver() {
  const received: Received[] = [];
  const answers: number[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const rawBody = Buffer.concat(chunks).toString();
      received.push({
        authorization: request.headers.authorization,
        body: JSON.parse(rawBody) as Record<string, unknown>,
        rawBody,
        headers: request.headers,
      });
      response.writeHead(answers.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/callbacks`,
    received,
    answerNext: (...statuses: number[]) => answers.push(...statuses),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
