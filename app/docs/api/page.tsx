import { InlineCode } from "@/components/docs/inline-code";
import type { Metadata } from "next";
import { SchemaTable, type JsonSchema } from "@/components/docs/schema-table";
import { Table } from "@/components/ui/table";
import { openApiDocument } from "@/lib/v2/openapi";
import { config } from "@/lib/config";
import { v2Routes } from "@/app/v2/routes";

export const metadata: Metadata = { title: "API documentation" };
export const dynamic = "force-dynamic";

type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  parameters?: (JsonSchema & { name: string; in: string; required?: boolean; schema: JsonSchema })[];
  requestBody?: { content: { "application/json": { schema: JsonSchema } } };
  responses: Record<string, { description: string; content?: { "application/json": { schema: JsonSchema } } }>;
};

const ERRORS = [
  [
    "400",
    "ValidationError",
    "The request does not match the schema: a required field is missing, a value has the wrong type or format, or there is an unknown field.",
  ],
  [
    "400",
    "BadRequestError",
    "The request is well formed but cannot be sent: unknown or archived template, missing personalisation, a recipient trial mode or a team key may not send to, a message too long, or a letter (Tidings sends email and text messages only).",
  ],
  ["401", "AuthError", "There is no Authorization header, or it is not a Bearer token."],
  [
    "403",
    "AuthError",
    "The token is invalid, its iat is more than 30 seconds from the server's time, or its API key is revoked.",
  ],
  ["404", "NoResultFound", "No such notification or template (or it belongs to another service)."],
  [
    "429",
    "RateLimitError",
    "More sends this minute than the service's limit for the key's type (3,000 by default), or more of the other requests (reads) than their own limit (6,000 by default). Reads never count against sends.",
  ],
  ["405", "MethodNotAllowedError", "The path exists but not with this method (the Allow header lists those it has)."],
  ["429", "TooManyRequestsError", "The service's daily message limit is reached; it resets at midnight UTC."],
  ["500", "Exception", "Something went wrong on our side. Retry with the same Idempotency-Key."],
];

export default function ApiDocumentationPage() {
  const document = openApiDocument(v2Routes, config().publicUrl);
  const schemas = document.components.schemas as Record<string, JsonSchema>;
  const resolve = (schema: JsonSchema) => (schema.$ref ? (schemas[schema.$ref.split("/").pop()!] ?? schema) : schema);
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods as unknown as Record<string, Operation>).map(([method, operation]) => ({
      path,
      method,
      operation,
    })),
  );

  return (
    <article className="min-w-0 max-w-4xl">
      <h1 className="mb-4 text-4xl font-bold">API documentation</h1>
      <p className="mb-4 text-lg">
        <InlineCode text={document.info.description ?? ""} />
      </p>
      <p className="mb-8 text-lg">
        Base URL: <code className="bg-gray-100 px-1">{config().publicUrl}</code>. Machine-readable description:{" "}
        <a href="/v2/openapi.json">OpenAPI 3.1 document</a>.
      </p>

      <h2 className="mb-4 text-2xl font-bold">Using a GOV.UK Notify client</h2>
      {/* Focusable so a keyboard can scroll it; a region, because a name on a plain <pre> is ignored. */}
      <pre
        tabIndex={0}
        role="region"
        aria-label="Example: sending an email with notifications-node-client"
        className="mb-8 overflow-x-auto bg-gray-100 p-4 text-sm"
      >
        {`const { NotifyClient } = require("notifications-node-client");
const client = new NotifyClient("${config().publicUrl}", process.env.TIDINGS_API_KEY);
await client.sendEmail(templateId, "person@example.com", { personalisation: { name: "Ada" }, reference: "your-ref" });`}
      </pre>

      <nav aria-label="Endpoints" className="mb-8">
        <h2 className="mb-2 text-2xl font-bold">Endpoints</h2>
        <ul className="list-disc pl-6">
          {operations.map(({ path, method, operation }) => (
            <li key={operation.operationId}>
              <a href={`#${operation.operationId}`}>
                {method.toUpperCase()} {path}
              </a>{" "}
              – {operation.summary}
            </li>
          ))}
        </ul>
      </nav>

      {operations.map(({ path, method, operation }) => (
        <section
          key={operation.operationId}
          id={operation.operationId}
          className="mb-10 border-t border-line pt-6"
          aria-labelledby={`${operation.operationId}-heading`}
        >
          <h2 id={`${operation.operationId}-heading`} className="mb-2 text-2xl font-bold">
            {operation.summary}
          </h2>
          <p className="mb-4 break-all font-mono text-lg">
            {method.toUpperCase()} {path}
          </p>
          {operation.description && (
            <p className="mb-4">
              <InlineCode text={operation.description} />
            </p>
          )}
          {operation.parameters && operation.parameters.length > 0 && (
            <SchemaTable
              caption="Parameters"
              schema={{
                properties: Object.fromEntries(
                  operation.parameters.map((parameter) => [
                    parameter.name,
                    {
                      ...parameter.schema,
                      description: `${parameter.in}${parameter.description ? `: ${parameter.description}` : ""}`,
                    },
                  ]),
                ),
                required: operation.parameters
                  .filter((parameter) => parameter.required)
                  .map((parameter) => parameter.name),
              }}
            />
          )}
          {operation.requestBody && (
            <SchemaTable
              caption="Request body (JSON)"
              schema={resolve(operation.requestBody.content["application/json"].schema)}
            />
          )}
          {Object.entries(operation.responses)
            .filter(([status]) => status.startsWith("2"))
            .map(([status, response]) =>
              response.content ? (
                <SchemaTable
                  key={status}
                  caption={`Response ${status}: ${response.description}`}
                  schema={resolve(response.content["application/json"].schema)}
                />
              ) : null,
            )}
        </section>
      ))}

      <section className="mb-10 border-t border-line pt-6" aria-labelledby="rate-limits-heading">
        <h2 id="rate-limits-heading" className="mb-4 text-2xl font-bold">
          Rate limits
        </h2>
        <p className="mb-4">
          As with GOV.UK Notify, sending (<code>POST /v2/notifications/email</code> and <code>/sms</code>) is limited
          per service and key type to the service&apos;s rate limit, 3,000 a minute unless a platform administrator
          changed it. Every other request (reading notifications, templates or received text messages) counts against a
          separate allowance of {config().API_READ_RATE_LIMIT.toLocaleString("en-GB")} a minute per service and key
          type, so polling for statuses never uses up sending. Over either limit the API answers 429{" "}
          <code>RateLimitError</code>.
        </p>
      </section>

      <section className="mb-10 border-t border-line pt-6" aria-labelledby="signed-callbacks">
        <h2 id="signed-callbacks" className="mb-4 text-2xl font-bold">
          Signed callbacks
        </h2>
        <p className="mb-4">
          Callbacks carry your bearer token, as GOV.UK Notify&apos;s do. Once your service has a signing secret (API
          integration, Callbacks), each delivery receipt and received text message also carries two headers:
        </p>
        <ul className="mb-4 list-disc pl-6">
          <li>
            <code>Tidings-Timestamp</code>: when it was sent, in seconds since 1970 (UTC).
          </li>
          <li>
            <code>Tidings-Signature</code>: <code>v1=</code> and the hex HMAC-SHA256, under your secret, of the
            timestamp, a full stop and the body exactly as received. While a replaced secret is still signing (24 hours
            after you make a new one) there is one <code>v1=</code> for each, separated by a comma and a space.
          </li>
        </ul>
        <p className="mb-4">
          Accept a callback if one of the signatures matches yours (compare in constant time) and the timestamp is
          within 5 minutes of your clock, so an old callback cannot be replayed:
        </p>
        <pre
          tabIndex={0}
          role="region"
          aria-label="Example: checking a callback's signature in Node.js"
          className="mb-4 overflow-x-auto bg-gray-100 p-4 text-sm"
        >
          {`const { createHmac, timingSafeEqual } = require("node:crypto");
function isFromTidings(rawBody, headers, secret) {
  const timestamp = headers["tidings-timestamp"];
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = Buffer.from("v1=" + createHmac("sha256", secret).update(timestamp + "." + rawBody).digest("hex"));
  return String(headers["tidings-signature"]).split(", ")
    .some((signature) => signature.length === expected.length && timingSafeEqual(Buffer.from(signature), expected));
}`}
        </pre>
      </section>

      <section className="mb-10 border-t border-line pt-6" aria-labelledby="errors-heading">
        <h2 id="errors-heading" className="mb-4 text-2xl font-bold">
          Errors
        </h2>
        <p className="mb-4">
          Every error has GOV.UK Notify&apos;s shape:{" "}
          <code>{`{"status_code": 400, "errors": [{"error": "BadRequestError", "message": "…"}]}`}</code>. Branch on the
          status code and error name, not on the message.
        </p>
        <div tabIndex={0} role="region" aria-label="Errors by status code" className="overflow-x-auto">
          <Table
            caption="Errors by status code"
            hideCaption
            rows={ERRORS}
            rowKey={([status, error]) => `${status}-${error}`}
            empty={null}
            columns={[
              { header: "Status", cell: ([status]) => status },
              { header: "Error", cell: ([, error]) => <code>{error}</code> },
              { header: "When", cell: ([, , when]) => when },
            ]}
          />
        </div>
      </section>
    </article>
  );
}
