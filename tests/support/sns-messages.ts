import { createSign, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { stringToSign, type SnsEnvelope } from "@/lib/sns/envelope";

const FIXTURES = path.join(process.cwd(), "tests", "fixtures", "sns");
const TEST_KEY = readFileSync(path.join(FIXTURES, "test-signing-key.pem"), "utf8");
const TEST_CERT = readFileSync(path.join(FIXTURES, "test-signing-cert.pem"), "utf8");

export type Envelope = SnsEnvelope & Record<string, unknown>;

/** A fixture's SNS envelope exactly as SNS posted it (signed with the test key, AWS certificate URL). */
export function snsFixture(name: string): Envelope {
  return JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), "utf8")) as Envelope;
}

/** The event inside a fixture's envelope. */
export function fixtureEvent<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(snsFixture(name).Message) as T;
}

/** Signs an envelope with the test key, as SNS would, after any changes a test made to it. */
export function signEnvelope(
  envelope: Envelope,
  certificateUrl: string,
  version: "1" | "2" = envelope.SignatureVersion,
): Envelope {
  const signed = { ...envelope, SignatureVersion: version, SigningCertURL: certificateUrl };
  const signer = createSign(version === "1" ? "RSA-SHA1" : "RSA-SHA256");
  signer.update(stringToSign(signed), "utf8");
  return { ...signed, Signature: signer.sign(TEST_KEY, "base64") };
}

/** A fixture with its event replaced (for our notification ids) and a fresh MessageId, signed again. */
export function resignedFixture(
  name: string,
  certificateUrl: string,
  event: unknown,
  messageId: string = randomUUID(),
): Envelope {
  return signEnvelope({ ...snsFixture(name), Message: JSON.stringify(event), MessageId: messageId }, certificateUrl);
}

/** Serves the test signing certificate over HTTP (on `port`, or any), standing in for sns.<region>.amazonaws.com. */
export async function startCertificateServer(port = 0): Promise<{
  prefix: string;
  certificateUrl: string;
  certificateRequests: () => number;
  confirmations: string[];
  close: () => Promise<void>;
}> {
  let certificateRequests = 0;
  const confirmations: string[] = [];
  const server = http.createServer((request, response) => {
    if (request.url === "/certs/SimpleNotificationService-test.pem") {
      certificateRequests++;
      return void response.writeHead(200, { "Content-Type": "application/x-pem-file" }).end(TEST_CERT);
    }
    // Stands in for SNS's ConfirmSubscription link.
    if (request.url?.startsWith("/certs/confirm?")) {
      confirmations.push(request.url);
      return void response.writeHead(200).end("<ConfirmSubscriptionResponse/>");
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const prefix = `http://127.0.0.1:${(server.address() as AddressInfo).port}/certs/`;
  return {
    prefix,
    certificateUrl: `${prefix}SimpleNotificationService-test.pem`,
    certificateRequests: () => certificateRequests,
    confirmations,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
