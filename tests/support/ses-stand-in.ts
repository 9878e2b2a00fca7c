import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import http from "node:http";
import type { AddressInfo } from "node:net";

/** The parts of a SESv2 SendEmail request the tests look at (the SDK sends it as JSON). */
export type SendEmailRequest = {
  FromEmailAddress: string;
  Destination: { ToAddresses: string[] };
  ReplyToAddresses?: string[];
  ConfigurationSetName?: string;
  EmailTags?: { Name: string; Value: string }[];
  Content: { Simple: { Subject: { Data: string }; Headers?: { Name: string; Value: string }[] } };
};

export type SesFault = "throttled" | "server-error" | "rejected";

/** One SendEmail call as the stand-in saw it: when it arrived, what it asked, how it was answered. */
export type RecordedSendEmail = {
  arrivedAt: number;
  /** Its notification_id tag, read even by the lightweight stand-in. */
  notificationId: string | null;
  request: SendEmailRequest;
  answer: SesFault | "accepted";
  messageId: string | null;
};

export type SesStandIn = {
  url: string;
  /** Every SendEmail call in arrival order, refused ones included. */
  calls: RecordedSendEmail[];
  /** The calls SES accepted: each is an email that went out. */
  accepted: () => RecordedSendEmail[];
  /** Answers the next `count` SendEmail calls with this fault instead of sending. */
  failNext: (count: number, fault: SesFault) => void;
  /** Holds each accepted call this long before answering, so sends are in flight for a while. */
  setResponseDelay: (ms: number) => void;
  close: () => Promise<void>;
};

// What real SES answers for each fault (restJson1: the error code travels in x-amzn-ErrorType).
const FAULTS: Record<SesFault, { status: number; code: string; message: string }> = {
  throttled: { status: 429, code: "TooManyRequestsException", message: "Maximum sending rate exceeded." },
  "server-error": {
    status: 500,
    code: "InternalFailure",
    message: "The request processing has failed because of an unknown error.",
  },
  rejected: { status: 400, code: "MessageRejected", message: "Email address is not verified." },
};

export const emailTag = (request: SendEmailRequest, name: string) =>
  request.EmailTags?.find((tag) => tag.Name === name)?.Value;
export const emailHeader = (request: SendEmailRequest, name: string) =>
  request.Content.Simple.Headers?.find((header) => header.Name === name)?.Value;

const NOTIFICATION_TAG = /"Name":"notification_id","Value":"([^"]+)"/;

const LIGHTWEIGHT_REQUEST: SendEmailRequest = {
  FromEmailAddress: "",
  Destination: { ToAddresses: [] },
  Content: { Simple: { Subject: { Data: "" } } },
};

/**
 * aws-ses-v2-local (a local SES v2) behind a small proxy that records every SendEmail call and can
 * refuse or slow down the next ones. Point AWS_ENDPOINT_URL_SES at `url`. GetAccount is answered by
 * the proxy with `maxSendRate` as the account's quota.
 */
export async function startSesStandIn(
  options: {
    maxSendRate?: number;
    /**
     * Answer SendEmail here with a fresh MessageId instead of through aws-ses-v2-local, without
     * reading the request (for benchmarks, at thousands a second).
     */
    lightweight?: boolean;
  } = {},
): Promise<SesStandIn> {
  // A CommonJS module whose default export vitest and tsx present differently; require reads it one way.
  const startSesLocal = createRequire(import.meta.url)("aws-ses-v2-local").default as (config: {
    host: string;
    port: number;
  }) => Promise<http.Server>;
  const upstream = options.lightweight ? null : await startSesLocal({ host: "127.0.0.1", port: 0 });
  const upstreamUrl = upstream ? `http://127.0.0.1:${(upstream.address() as AddressInfo).port}` : "";

  const calls: RecordedSendEmail[] = [];
  const faults: SesFault[] = [];
  let responseDelayMs = 0;

  const proxy = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks);
      if (request.method === "GET" && request.url === "/v2/email/account") {
        return answer(response, 200, {
          SendQuota: { MaxSendRate: options.maxSendRate ?? 14, Max24HourSend: 1_000_000, SentLast24Hours: 0 },
          SendingEnabled: true,
          ProductionAccessEnabled: true,
        });
      }
      if (request.method !== "POST" || request.url !== "/v2/email/outbound-emails")
        return void forward(request, body)
          .then((reply) => answer(response, reply.status, reply.body))
          .catch(() => answerClosing(response));
      const call: RecordedSendEmail = {
        arrivedAt: Date.now(),
        notificationId: NOTIFICATION_TAG.exec(body.toString())?.[1] ?? null,
        // A benchmark's stand-in keeps its CPU for answering: it only counts what arrives.
        request: options.lightweight ? LIGHTWEIGHT_REQUEST : (JSON.parse(body.toString()) as SendEmailRequest),
        answer: "accepted",
        messageId: null,
      };
      calls.push(call);
      const fault = faults.shift();
      if (fault) {
        call.answer = fault;
        const { status, code, message } = FAULTS[fault];
        return answer(response, status, { message }, { "x-amzn-ErrorType": code });
      }
      // Forwarded even if the caller has gone away meanwhile: SES would have sent it all the same.
      void new Promise((resolve) => setTimeout(resolve, responseDelayMs))
        .then(() => forward(request, body))
        .then((reply) => {
          call.messageId = (reply.body as { MessageId?: string }).MessageId ?? null;
          answer(response, reply.status, reply.body);
        })
        .catch(() => answerClosing(response));
    });
  });

  // A send still in flight when the test closes the stand-in: unanswered by SES, as a 503 would be.
  function answerClosing(response: http.ServerResponse): void {
    if (!response.headersSent) answer(response, 503, { message: "the SES stand-in is closing" });
  }

  async function forward(request: http.IncomingMessage, body: Buffer): Promise<{ status: number; body: unknown }> {
    if (!upstream) return { status: 200, body: { MessageId: randomUUID() } };
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([name]) => !["host", "content-length", "connection"].includes(name)),
    ) as Record<string, string>;
    const reply = await fetch(`${upstreamUrl}${request.url}`, {
      method: request.method,
      headers,
      ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
    });
    const text = await reply.text();
    return { status: reply.status, body: text ? JSON.parse(text) : {} };
  }

  // Idle connections are kept longer than Node's 5 s default: a pooled connection the server closes
  // just as the worker reuses it fails as "socket hang up", which the worker rightly counts as
  // uncertain and never resends, so a benchmark would wait for it for ever.
  proxy.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    calls,
    accepted: () => calls.filter((call) => call.answer === "accepted" && call.messageId !== null),
    failNext: (count, fault) => faults.push(...Array.from({ length: count }, () => fault)),
    setResponseDelay: (ms) => (responseDelayMs = ms),
    close: async () => {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
      upstream?.closeAllConnections();
      if (upstream) await new Promise((resolve) => upstream.close(resolve));
    },
  };
}

function answer(
  response: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (response.destroyed) return;
  response.writeHead(status, { "Content-Type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}
