import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/** AWS End User Messaging SMS `SendTextMessage`, as the SDK sends it (JSON 1.0). */
export type SendTextMessageRequest = {
  DestinationPhoneNumber: string;
  OriginationIdentity?: string;
  MessageBody: string;
  MessageType?: string;
  ConfigurationSetName?: string;
  Context?: Record<string, string>;
};

/** SNS `Publish` to a phone number (query protocol), with its message attributes read out. */
export type PublishRequest = { PhoneNumber: string; Message: string; attributes: Record<string, string> };

export type RecordedSms = { arrivedAt: number; messageId: string } & (
  { api: "pinpoint"; request: SendTextMessageRequest } | { api: "sns"; request: PublishRequest }
);

export type SmsStandIn = { url: string; calls: RecordedSms[]; close: () => Promise<void> };

/**
 * Answers the two SMS APIs the providers call, on one port: point AWS_ENDPOINT_URL_SMS and
 * AWS_ENDPOINT_URL_SNS at `url`. Records each message and answers with a fresh MessageId.
 */
export async function startSmsStandIn(): Promise<SmsStandIn> {
  const calls: RecordedSms[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString();
      const messageId = randomUUID();
      const target = request.headers["x-amz-target"];
      if (target === "PinpointSMSVoiceV2.SendTextMessage") {
        calls.push({
          api: "pinpoint",
          arrivedAt: Date.now(),
          messageId,
          request: JSON.parse(body) as SendTextMessageRequest,
        });
        response
          .writeHead(200, { "Content-Type": "application/x-amz-json-1.0" })
          .end(JSON.stringify({ MessageId: messageId }));
        return;
      }
      const form = new URLSearchParams(body);
      if (form.get("Action") === "Publish") {
        calls.push({
          api: "sns",
          arrivedAt: Date.now(),
          messageId,
          request: {
            PhoneNumber: form.get("PhoneNumber") ?? "",
            Message: form.get("Message") ?? "",
            attributes: messageAttributes(form),
          },
        });
        response
          .writeHead(200, { "Content-Type": "text/xml" })
          .end(
            `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${messageId}</MessageId></PublishResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`,
          );
        return;
      }
      response
        .writeHead(400, { "Content-Type": "application/json" })
        .end(JSON.stringify({ message: `the SMS stand-in does not answer ${target ?? form.get("Action")}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

// The query protocol flattens the map into MessageAttributes.entry.N.Name / .Value.StringValue.
function messageAttributes(form: URLSearchParams): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (let index = 1; form.has(`MessageAttributes.entry.${index}.Name`); index++) {
    attributes[form.get(`MessageAttributes.entry.${index}.Name`)!] =
      form.get(`MessageAttributes.entry.${index}.Value.StringValue`) ?? "";
  }
  return attributes;
}
