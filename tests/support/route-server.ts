import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createRouteDispatcher } from "../../scripts/route-dispatcher";

/**
 * Serves the route handlers the web server serves directly (the public API, the provider webhooks)
 * over real HTTP, so that HTTP clients (the official Notify client, SNS-style posts) can be pointed
 * at them in integration tests against a test database. Pages are not served.
 */
export async function startRouteServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const dispatch = createRouteDispatcher({ appDir: path.join(process.cwd(), "app") });
  const server = http.createServer((incoming, outgoing) => {
    dispatch(incoming, outgoing).then(
      (served) => void (served || outgoing.writeHead(404).end()),
      (error: unknown) => console.error(error),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
