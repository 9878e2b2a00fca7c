import net from "node:net";
import type { AddressInfo } from "node:net";

export type StallingProxy = {
  /** The target URL (DATABASE_URL, an S3 endpoint) with its host and port replaced by the proxy's. */
  url: string;
  /** Keeps every connection open but forwards nothing more, as a hung database server does. */
  stall: () => void;
  /** Drops every connection and refuses new ones, as a server that went away or a cut network does. */
  cut: () => void;
  /** Forwards again, old connections and new alike. */
  resume: () => void;
  close: () => Promise<void>;
};

type Pair = { client: net.Socket; upstream: net.Socket };

/**
 * A TCP proxy between the app and a server (PostgreSQL, S3) that the test controls: while stalled
 * it accepts connections and holds them, answering nothing, so the app sees a server that stopped
 * replying rather than one that went away; while cut it resets every connection at once.
 */
export async function startStallingProxy(targetUrl: string): Promise<StallingProxy> {
  const target = new URL(targetUrl);
  const targetPort = Number(target.port || (target.protocol.startsWith("postgres") ? 5432 : 80));
  let state: "forwarding" | "stalled" | "cut" = "forwarding";
  const pairs = new Set<Pair>();
  const server = net.createServer((client) => {
    if (state === "cut") return void client.resetAndDestroy();
    const upstream = net.connect(targetPort, target.hostname);
    const pair = { client, upstream };
    pairs.add(pair);
    if (state === "stalled") pause(pair);
    else forward(pair);
    const forget = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", forget).on("close", forget);
    upstream.on("error", forget).on("close", forget);
  });
  const forward = ({ client, upstream }: Pair) => {
    client.pipe(upstream);
    upstream.pipe(client);
    client.resume();
    upstream.resume();
  };
  const pause = ({ client, upstream }: Pair) => {
    client.unpipe(upstream);
    upstream.unpipe(client);
    client.pause();
    upstream.pause();
  };
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const proxied = new URL(targetUrl);
  proxied.hostname = "127.0.0.1";
  proxied.port = String((server.address() as AddressInfo).port);
  return {
    url: proxied.toString(),
    stall: () => {
      state = "stalled";
      for (const pair of pairs) pause(pair);
    },
    cut: () => {
      state = "cut";
      for (const { client, upstream } of pairs) {
        client.resetAndDestroy();
        upstream.destroy();
      }
      pairs.clear();
    },
    resume: () => {
      state = "forwarding";
      for (const pair of pairs) forward(pair);
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
