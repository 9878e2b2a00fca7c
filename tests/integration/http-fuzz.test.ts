// A bounded fuzz run of the public API and the provider webhooks, over real HTTP against the
// handlers the web server serves directly: about 2,000 requests of bad input (odd content types,
// invalid UTF-8, deep nesting, 1 MB strings, NUL characters, odd ids and query strings, garbled
// headers, signed garbage). Every answer must be a 4xx or a success in the right shape: no 5xx,
// no request left hanging, and the server serves normally afterwards.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { v2Routes } from "@/app/v2/routes";
import { resetConfig } from "@/lib/config";
import { authorizationFor } from "../support/api-token";
import { makeApiKey, makeService, makeTemplate } from "../support/factories";
import { startRouteServer } from "../support/route-server";
import { resignedFixture, signEnvelope, snsFixture, startCertificateServer } from "../support/sns-messages";

type Probe = { method: string; path: string; headers?: Record<string, string>; body?: string | Uint8Array };
type Outcome = { probe: Probe; status: number | "hang" | "reset"; body: string; notifyShaped?: boolean };

/** A Notify-shaped error answer: its status_code and a list of errors to read. */
function isNotifyShaped(status: number, body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { status_code?: unknown; errors?: unknown };
    return parsed.status_code === status && Array.isArray(parsed.errors) && parsed.errors.length > 0;
  } catch {
    return false;
  }
}

const HANG_AFTER_MS = 10_000;

// Deterministic, so that a failure found once is found again.
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}
const next = random(18);
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;

// Deep values as objects stay shallow enough for JSON.stringify; deeper ones are written as text.
const nested = (depth: number, leaf: unknown = "x"): unknown => {
  let value: unknown = leaf;
  for (let level = 0; level < Math.min(depth, 500); level++) value = next() < 0.5 ? [value] : { a: value };
  return value;
};
const deepJson = (depth: number, leaf = '"x"') =>
  next() < 0.5 ? "[".repeat(depth) + leaf + "]".repeat(depth) : '{"a":'.repeat(depth) + leaf + "}".repeat(depth);
const MEGABYTE = "x".repeat(1024 * 1024);

const ODD_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\uFFFF",
  "\uD800",
  "😀".repeat(100),
  "%00",
  "%E0%A4%A",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "((name))",
  "((name??",
  "'; DROP TABLE notifications; --",
  "\r\nX-Injected: 1",
  "9".repeat(400),
  "-1",
  "1e309",
  "NaN",
  "null",
  "true",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "01a23165-cc21-7408-b865-686cd14d644cX",
  MEGABYTE.slice(0, 70_000),
];
const ODD_VALUES: unknown[] = [
  ...ODD_STRINGS,
  null,
  0,
  -1,
  1.5,
  2 ** 64,
  true,
  [],
  {},
  [1, 2],
  { "": "" },
  { __proto__: { admin: true } },
  { constructor: { prototype: {} } },
  nested(50),
  nested(400),
];
const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/json; charset=latin1",
  "text/plain",
  "text/html",
  "application/xml",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=xyz",
  "multipart/form-data",
  "application/octet-stream",
  "",
  "*/*",
];
const INVALID_UTF8 = [
  Buffer.from([0xff, 0xfe, 0xfd]),
  Buffer.from([0xc3, 0x28]),
  Buffer.from([0xe2, 0x82]),
  Buffer.concat([Buffer.from('{"email_address":"'), Buffer.from([0xf0, 0x28, 0x8c, 0x28]), Buffer.from('"}')]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0x00, 0x00, 0x00]),
];

let server: Awaited<ReturnType<typeof startRouteServer>>;
let certificates: Awaited<ReturnType<typeof startCertificateServer>>;
let apiKey: string;
const ids = { email: "", sms: "", notification: "" };

beforeAll(async () => {
  certificates = await startCertificateServer();
  process.env.SNS_TRUSTED_CERT_URL_PREFIXES = certificates.prefix;
  resetConfig();
  server = await startRouteServer();
  const service = await makeService({ trialMode: false });
  apiKey = (await makeApiKey(service.id, "test")).key;
  ids.email = (await makeTemplate(service.id, { type: "email" })).id;
  ids.sms = (await makeTemplate(service.id, { type: "sms" })).id;
  const sent = await fetch(`${server.url}/v2/notifications/email`, {
    method: "POST",
    headers: { authorization: authorizationFor(apiKey), "content-type": "application/json" },
    body: JSON.stringify({
      email_address: "fuzz@example.com",
      template_id: ids.email,
      personalisation: { name: "Fuzz", reference: "F-1" },
    }),
  });
  expect(sent.status).toBe(201);
  ids.notification = ((await sent.json()) as { id: string }).id;
});

afterAll(async () => {
  await server?.close();
  await certificates?.close();
});

const withAuth = (probe: Probe): Probe => ({
  ...probe,
  headers: { authorization: authorizationFor(apiKey), ...probe.headers },
});

function sendProbes(): Probe[] {
  const templateId = () => pick([ids.email, ids.sms]);
  const oddId = () => encodeURIComponent(String(pick(ODD_STRINGS)).toWellFormed()).slice(0, 2_000) || "%20";
  const rawOddId = () => pick(["%00", "%E0%A4%A", "%", "..%2F..%2F", "%2e%2e", "a%2Fb", "%C0%AF", "%FF"]);
  // A send that would be accepted, with one field or one personalisation value made odd.
  const oddSend = (): { path: string; body: string } => {
    const email = next() < 0.5;
    const base: Record<string, unknown> = email
      ? { template_id: ids.email, email_address: "someone@example.com" }
      : { template_id: ids.sms, phone_number: "07700900123" };
    const personalisation: Record<string, unknown> = { name: "A", reference: "B", code: "C" };
    base.personalisation = personalisation;
    if (next() < 0.5) {
      personalisation[pick(["name", "reference", "code"])] = pick(ODD_VALUES);
      if (next() < 0.3) personalisation[pick(ODD_STRINGS)] = pick(ODD_VALUES);
    } else {
      const field = pick([
        "template_id",
        email ? "email_address" : "phone_number",
        "personalisation",
        "reference",
        email ? "email_reply_to_id" : "sms_sender_id",
        "scheduled_for",
        "one_click_unsubscribe_url",
        "extra",
      ]);
      base[field] = pick(ODD_VALUES);
    }
    return { path: email ? "/v2/notifications/email" : "/v2/notifications/sms", body: JSON.stringify(base) };
  };
  const sendPath = () => pick(["/v2/notifications/email", "/v2/notifications/sms"]);
  const queries = () =>
    pick([
      "?status=%ZZ",
      "?status=",
      "?status=delivered&status=%00",
      "?template_type=letter",
      "?template_type=%00",
      "?older_than=not-a-uuid",
      `?older_than=${ids.notification}%00`,
      "?reference=" + "r".repeat(5_000),
      "?reference=%00",
      "?reference=%ED%A0%80",
      "?reference=a%00b&status=sent",
      "?include_jobs=maybe",
      "?a[b]=c&a[b]=d",
      "?%E0%A4%A=1",
      "?=",
      "?&&&",
      "?status[]=delivered",
      "?" + "x=1&".repeat(2_000),
      "?type=email%0d%0aX-Injected:1",
      "?%",
      "?a=%",
      "?a=%2525%25",
      "?;;;",
      "?template_type=email&template_type=sms",
      "?older_than=&older_than=" + ids.notification,
      "?status=" + encodeURIComponent(MEGABYTE.slice(0, 20_000)),
      "?" + encodeURIComponent("\u0000\ud83d\ude00\uffff"),
      "?version=1%00",
      "?__proto__[admin]=1&constructor[prototype][admin]=1",
    ]);

  const probes: Probe[] = [];
  const add = (count: number, make: () => Probe) => {
    for (let index = 0; index < count; index++) probes.push(make());
  };
  // Sends: odd fields, odd bodies, odd content types.
  add(300, () => {
    const { path, body } = oddSend();
    return withAuth({ method: "POST", path, headers: { "content-type": pick(CONTENT_TYPES) }, body });
  });
  add(150, () => {
    const { path, body } = oddSend();
    return withAuth({ method: "POST", path, headers: { "content-type": "application/json" }, body });
  });
  add(60, () =>
    withAuth({
      method: "POST",
      path: sendPath(),
      headers: { "content-type": "application/json" },
      body: pick([
        deepJson(10_000),
        deepJson(200_000),
        deepJson(5_000),
        `{"template_id":"${templateId()}","email_address":"a@example.com","personalisation":${deepJson(3_000)}}`,
        `{"template_id":"${templateId()}","personalisation":{"name":${deepJson(100_000)}}}`,
        `{"template_id":"${templateId()}","email_address":${deepJson(1_000)}}`,
        `{"template_id":"${templateId()}","phone_number":${deepJson(1_000)}}`,
      ]),
    }),
  );
  add(40, () =>
    withAuth({
      method: "POST",
      path: sendPath(),
      headers: { "content-type": "application/json" },
      body: pick([
        JSON.stringify({ template_id: templateId(), email_address: "a@example.com", personalisation: { a: MEGABYTE } }),
        JSON.stringify({ template_id: MEGABYTE.slice(0, 1024 * 1024 - 100) }),
        `{"personalisation":{"name":"${MEGABYTE.slice(0, 900_000)}"},"template_id":"${templateId()}","email_address":"a@example.com"}`,
        MEGABYTE,
      ]),
    }),
  );
  add(60, () =>
    withAuth({
      method: "POST",
      path: sendPath(),
      headers: { "content-type": "application/json" },
      body: pick(INVALID_UTF8),
    }),
  );
  add(60, () =>
    withAuth({
      method: "POST",
      path: sendPath(),
      headers: { "content-type": "application/json" },
      body: pick([
        "",
        "{",
        "}",
        "[]",
        "null",
        "1",
        '"x"',
        "{'a':1}",
        '{"a":1,}',
        '{"__proto__":{"x":1}}',
        "\u0000{}",
        "{}".repeat(1000),
        '{"template_id":"\\u0000"}',
        '{"template_id":"\\ud800"}',
        `{"template_id":"${ids.email}","email_address":"a@example.com","personalisation":{"name":"\\u0000"}}`,
        `{"template_id":"${ids.sms}","phone_number":"\\u0000","personalisation":{}}`,
      ]),
    }),
  );
  // Reads: odd ids and query strings on every route.
  add(150, () => withAuth({ method: "GET", path: `/v2/notifications/${pick([oddId(), rawOddId()])}` }));
  add(150, () => withAuth({ method: "GET", path: `/v2/notifications${queries()}` }));
  add(100, () => withAuth({ method: "GET", path: `/v2/template/${pick([oddId(), rawOddId(), templateId()])}` }));
  add(100, () =>
    withAuth({
      method: "GET",
      path: `/v2/template/${pick([oddId(), templateId()])}/version/${pick(["1", "0", "-1", "1.5", "999999999999999999999", oddId(), rawOddId()])}`,
    }),
  );
  add(100, () =>
    withAuth({
      method: "POST",
      path: `/v2/template/${pick([oddId(), rawOddId(), templateId()])}/preview`,
      headers: { "content-type": pick(CONTENT_TYPES) },
      body: pick([
        JSON.stringify({ personalisation: pick(ODD_VALUES) }),
        JSON.stringify({ personalisation: { name: pick(ODD_VALUES) } }),
        `{"personalisation":${deepJson(3_000)}}`,
        pick(INVALID_UTF8),
        "",
      ]),
    }),
  );
  add(80, () => withAuth({ method: "GET", path: `/v2/templates${queries()}` }));
  add(80, () => withAuth({ method: "GET", path: `/v2/received-text-messages${queries()}` }));
  add(20, () => withAuth({ method: "GET", path: `/v2/openapi.json${queries()}` }));
  add(40, () =>
    withAuth({
      method: pick(["PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]),
      path: pick(["/v2/notifications", "/v2/notifications/email", "/v2/templates", "/v2/unknown/route"]),
    }),
  );
  // Odd query strings on every /v2 route (read from the route list, so a new route is fuzzed too),
  // with real ids and, for POSTs, a body that would be accepted.
  const concrete = (route: string) =>
    route.replace("{notificationId}", ids.notification).replace("{templateId}", ids.email).replace("{version}", "1");
  const acceptableBody = (route: string) =>
    route.endsWith("/email")
      ? { template_id: ids.email, email_address: "a@example.com", personalisation: { name: "A", reference: "B" } }
      : route.endsWith("/sms")
        ? { template_id: ids.sms, phone_number: "07700900123", personalisation: { name: "A", code: "C" } }
        : { personalisation: { name: "A", reference: "B" } };
  for (const [route, handlers] of Object.entries(v2Routes))
    for (const method of ["GET", "POST"].filter((name) => name in handlers))
      add(20, () =>
        withAuth({
          method,
          path: `${concrete(route)}${queries()}`,
          headers: { "content-type": "application/json" },
          ...(method === "POST" ? { body: JSON.stringify(acceptableBody(route)) } : {}),
        }),
      );
  // Authentication itself: no, garbled and forged tokens.
  add(150, () => ({
    method: pick(["GET", "POST"]),
    path: pick(["/v2/notifications", "/v2/notifications/email", `/v2/template/${ids.email}`]),
    headers: {
      "content-type": "application/json",
      ...(next() < 0.9
        ? {
            authorization: pick([
              "",
              "Bearer",
              "Bearer ",
              "Basic abc",
              "Bearer a.b.c",
              "Bearer ....",
              "Bearer " + "a".repeat(10_000),
              "Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.",
              authorizationFor(apiKey).slice(0, -3) + "abc",
              authorizationFor(apiKey).replace("Bearer ", "Bearer  "),
              "Bearer \u00e9\u00e9",
            ]),
          }
        : {}),
    },
    body: "{}",
  }));
  // Webhooks: garbage, unsigned, forged, and validly signed envelopes carrying garbage events.
  const webhook = () =>
    pick(["/api/webhooks/ses", "/api/webhooks/sms", "/api/webhooks/inbound-sms", "/api/webhooks/unsubscribe-email"]);
  add(120, () => ({
    method: "POST",
    path: webhook(),
    headers: { "content-type": pick(["text/plain; charset=UTF-8", ...CONTENT_TYPES]) },
    body: pick([
      "",
      "{",
      "null",
      "[]",
      deepJson(3_000),
      JSON.stringify({ Type: "Notification" }),
      JSON.stringify({ ...snsFixture("ses-delivery"), Signature: "AAAA" }),
      JSON.stringify({ ...snsFixture("ses-delivery"), SigningCertURL: "https://evil.example/cert.pem" }),
      JSON.stringify({ ...snsFixture("ses-delivery"), SignatureVersion: "3" }),
      JSON.stringify({ ...snsFixture("ses-delivery"), Type: pick(ODD_VALUES) }),
      pick(INVALID_UTF8),
      MEGABYTE.slice(0, 400_000),
    ]),
  }));
  add(150, () => {
    const fixture = pick([
      "ses-delivery",
      "ses-bounce-permanent",
      "ses-complaint",
      "sms-event-delivered",
      "sms-inbound",
      "ses-received-unsubscribe",
    ]);
    const event = pick([
      pick(ODD_VALUES),
      { eventType: pick(ODD_VALUES) },
      { eventType: "Delivery", mail: pick(ODD_VALUES) },
      { eventType: "Delivery", mail: { messageId: pick(ODD_VALUES), tags: pick(ODD_VALUES) } },
      { eventType: "Bounce", bounce: pick(ODD_VALUES), mail: { messageId: "x" } },
      { notificationType: "Bounce", bounce: { bouncedRecipients: pick(ODD_VALUES) }, mail: {} },
      { eventType: "TEXT_DELIVERED", messageId: pick(ODD_VALUES), eventTimestamp: pick(ODD_VALUES) },
      { messageBody: pick(ODD_VALUES), originationNumber: pick(ODD_VALUES), destinationNumber: pick(ODD_VALUES) },
      {
        notificationType: "Received",
        mail: { messageId: pick(ODD_VALUES), commonHeaders: { subject: pick(ODD_VALUES) } },
        receipt: { action: pick(ODD_VALUES) },
      },
      { ...(JSON.parse(snsFixture(fixture).Message) as object), mail: nested(500) },
    ]);
    const envelope =
      next() < 0.5
        ? resignedFixture(fixture, certificates.certificateUrl, event)
        : signEnvelope(
            { ...snsFixture(fixture), Message: typeof event === "string" ? event : JSON.stringify(event) },
            certificates.certificateUrl,
          );
    return {
      method: "POST",
      path:
        fixture === "ses-received-unsubscribe"
          ? "/api/webhooks/unsubscribe-email"
          : fixture.startsWith("ses")
            ? "/api/webhooks/ses"
            : fixture === "sms-inbound"
              ? "/api/webhooks/inbound-sms"
              : "/api/webhooks/sms",
      headers: { "content-type": "text/plain; charset=UTF-8" },
      body: JSON.stringify(envelope),
    };
  });
  return probes;
}

/** Sent over a raw socket, as no HTTP client would: what reaches the server is exactly this. */
function rawProbes(): string[] {
  const auth = () => authorizationFor(apiKey);
  const requests = [
    `GET /v2/notifications HTTP/1.1\r\nHost: \r\nAuthorization: ${auth()}\r\n\r\n`,
    `GET /v2/notifications HTTP/1.1\r\nHost: a b c\r\nAuthorization: ${auth()}\r\n\r\n`,
    `GET /v2/notifications HTTP/1.1\r\nHost: [::1\r\nAuthorization: ${auth()}\r\n\r\n`,
    `GET /v2/notifications HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth()}\r\nAuthorization: Bearer x\r\n\r\n`,
    `GET //v2/notifications HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth()}\r\n\r\n`,
    `GET http://evil.example/v2/notifications HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth()}\r\n\r\n`,
    `GET /v2/notifications/%E0%A4%A HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth()}\r\n\r\n`,
    `GET /v2/notifications/\u00e9 HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth()}\r\n\r\n`,
    `GET /v2/template/%00/version/%00 HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth()}\r\n\r\n`,
    `POST /v2/notifications/email HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth()}\r\nContent-Type: application/json\r\nContent-Length: 1\r\n\r\n{}`,
    `POST /v2/notifications/email HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth()}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
    `POST /v2/notifications/email HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth()}\r\nContent-Type: application/json\r\nContent-Length: 99999999\r\n\r\n{}`,
    `POST /api/webhooks/ses HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}`,
    `POST /api/webhooks/ses HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n`,
    `GET /v2/notifications HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth()}\r\nX-Forwarded-For: \u0000\r\n\r\n`,
    // Header injection and smuggling: folded, NUL, bare LF, doubled lengths, bytes beyond ASCII, huge headers.
    `GET /v2/notifications HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth()}\r\nX-A: a\r\n Injected: folded\r\n\r\n`,
    `GET /v2/notifications HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth()}\r\nX-A: a\u0000b\r\n\r\n`,
    `GET /v2/notifications HTTP/1.1\nHost: x\nAuthorization: ${auth()}\n\n`,
    `GET /v2/notifications HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth()}\rX-Injected: 1\r\n\r\n`,
    `GET /v2/notifications HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth()}\r\nBad Header: x\r\n\r\n`,
    `GET /v2/notifications HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth()}\r\nX-A: \u00ff\u00fe\u0080\r\n\r\n`,
    `GET /v2/notifications HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \u00ff\u00fe.\u0080.x\r\n\r\n`,
    `GET /v2/notifications HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth()}\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
    `GET /v2/notifications HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 300 }, (_, index) => `X-${index}: ${index}`).join("\r\n")}\r\nAuthorization: ${auth()}\r\n\r\n`,
    `POST /v2/notifications/email HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth()}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}`,
    `POST /v2/notifications/email HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth()}\r\nContent-Type: application/json\r\nContent-Length: -1\r\n\r\n{}`,
    `POST /v2/notifications/email HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth()}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
    `POST /v2/notifications/email HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth()}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}GET /v2/notifications HTTP/1.1\r\nHost: x\r\n\r\n`,
    `POST /v2/notifications/email HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth()}\r\nContent-Type: application/json\u0000; charset=utf-8\r\nContent-Length: 2\r\n\r\n{}`,
    `POST /api/webhooks/sms HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nx-amz-sns-message-type: Notification\r\n Folded: 1\r\nContent-Length: 2\r\n\r\n{}`,
    `GET /v2/notifications?a=%0d%0aSet-Cookie:%20x=1 HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth()}\r\n\r\n`,
  ];
  return Array.from({ length: 4 }, () => requests).flat();
}

async function send(probe: Probe): Promise<Outcome> {
  try {
    const response = await fetch(`${server.url}${probe.path}`, {
      method: probe.method,
      headers: probe.headers,
      body: probe.method === "GET" || probe.method === "HEAD" ? undefined : (probe.body as BodyInit | undefined),
      signal: AbortSignal.timeout(HANG_AFTER_MS),
    });
    const body = await response.text();
    return {
      probe,
      status: response.status,
      body: body.slice(0, 300),
      notifyShaped: isNotifyShaped(response.status, body),
    };
  } catch (error) {
    const name = (error as Error).name;
    return { probe, status: name === "TimeoutError" ? "hang" : "reset", body: String(error) };
  }
}

function sendRaw(request: string): Promise<Outcome> {
  const { port } = new URL(server.url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), "127.0.0.1");
    let answer = "";
    const probe = { method: "RAW", path: request.split("\r\n")[0]! };
    const done = (status: Outcome["status"]) => {
      socket.destroy();
      resolve({ probe, status, body: answer.slice(0, 300) });
    };
    const timer = setTimeout(() => done("hang"), HANG_AFTER_MS);
    socket.on("data", (chunk) => {
      answer += chunk.toString("latin1");
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      if (status && answer.includes("\r\n\r\n")) {
        clearTimeout(timer);
        done(Number(status[1]));
      }
    });
    socket.on("error", () => {
      clearTimeout(timer);
      done("reset");
    });
    socket.on("close", () => {
      clearTimeout(timer);
      done(answer ? Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0) : "reset");
    });
    // Written, not ended: a half-closed connection would be an aborted request of its own.
    socket.write(request, "latin1");
  });
}

async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size)
    results.push(...(await Promise.all(items.slice(start, start + size).map(work))));
  return results;
}

describe("a bounded fuzz run of the API and the webhooks", () => {
  it(
    "answers every bad request with a 4xx, never a 5xx or a hang, and serves normally afterwards",
    { timeout: 120_000 },
    async () => {
      const started = performance.now();
      const outcomes = [...(await inBatches(sendProbes(), 8, send)), ...(await inBatches(rawProbes(), 8, sendRaw))];
      const tally = new Map<string, number>();
      for (const { status } of outcomes) tally.set(String(status), (tally.get(String(status)) ?? 0) + 1);
      console.log(
        `HTTP fuzz: ${outcomes.length} requests in ${Math.round((performance.now() - started) / 1000)} s; ` +
          [...tally.entries()]
            .sort()
            .map(([status, count]) => `${status}: ${count}`)
            .join(", "),
      );

      const byRoute = new Map<string, number>();
      for (const { probe } of outcomes) {
        const group =
          probe.method === "RAW"
            ? "raw HTTP"
            : probe.path.split("?")[0]!.replace(/\/(?!v2\b|api\b|webhooks\b)[^/]*[^a-z/-][^/]*/gi, "/:id");
        byRoute.set(group, (byRoute.get(group) ?? 0) + 1);
      }
      console.log(
        [...byRoute.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 16)
          .map(([group, count]) => `  ${count}\t${group.slice(0, 80)}`)
          .join("\n"),
      );
      const serverErrors = outcomes.filter(({ status }) => typeof status !== "number" || status >= 500);
      expect(
        serverErrors.map(
          ({ probe, status, body }) => `${status} ${probe.method} ${probe.path.slice(0, 120)} → ${body}`,
        ),
      ).toEqual([]);
      // Errors from the API in Notify's shape, 405s for methods a route lacks included (HEAD answers
      // have no body, nor do Node's own 431s for a request line or headers over its 16 KB limit).
      const unshaped = outcomes.filter(
        ({ probe, status, notifyShaped }) =>
          probe.method !== "RAW" &&
          probe.method !== "HEAD" &&
          probe.path.startsWith("/v2/") &&
          typeof status === "number" &&
          status >= 400 &&
          status !== 431 &&
          !notifyShaped,
      );
      expect(
        unshaped.map(({ probe, status, body }) => `${status} ${probe.method} ${probe.path.slice(0, 120)} → ${body}`),
      ).toEqual([]);

      const healthy = await fetch(`${server.url}/v2/notifications/${ids.notification}`, {
        headers: { authorization: authorizationFor(apiKey) },
      });
      expect(healthy.status).toBe(200);
    },
  );
});
