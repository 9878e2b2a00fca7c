import net from "node:net";
import type { AddressInfo } from "node:net";

export type StallingProxy = {
  /** DATABASE_URL with its host and port replaced by the proxy's. */
  url: string;
  /** Keeps every connection open but forwards nothing more, as a hung database server does. */
  stall: () => void;
  /** Forwards again, old connections and new alike. */
  resume: () => void;
  close: () => Promise<void>;
};

/**
 * A TCP proxy between the app and PostgreSQL that the test controls: while stalled it accepts
 * connections and holds them, answering nothing, so the app sees a database that stopped
 * replying rather than one that went away.
 */
export async function startStallingProxy(databaseUrl: string): Promise<StallingProxy> {
  const target = new URL(databaseUrl);
  let stalled = false;
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    const pair = { client, upstream };
    pairs.add(pair);
    if (stalled) pause(pair);
    else {
      client.pipe(upstream);
      upstream.pipe(client);
    }
    const forget = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", forget).on("close", forget);
    upstream.on("error", forget).on("close", forget);
  });
  const pause = ({ client, upstream }: { client: net.Socket; upstream: net.Socket }) => {
    client.unpipe(upstream);
    upstream.unpipe(client);
    client.pause();
    upstream.pause();
  };
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const proxied = new URL(databaseUrl);
  proxied.hostname = "127.0.0.1";
  proxied.port = String((server.address() as AddressInfo).port);
  return {
    url: proxied.toString(),
    stall: () => {
      stalled = true;
      for (const pair of pairs) pause(pair);
    },
    resume: () => {
      stalled = false;
      for (const { client, upstream } of pairs) {
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
        upstream.resume();
      }
    },
    close: async () => {
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream.destroy();
      }
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
