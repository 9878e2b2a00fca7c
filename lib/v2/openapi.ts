import { z } from "zod";
import * as schemas from "./schemas";

type JsonSchema = Record<string, unknown>;
const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (schema: JsonSchema) => ({ "application/json": { schema } });

const errorResponses = {
  "400": { description: "ValidationError or BadRequestError", content: json(ref("Error")) },
  "401": { description: "AuthError: no token, or not a Bearer token", content: json(ref("Error")) },
  "403": { description: "AuthError: the token is invalid, expired or its key revoked", content: json(ref("Error")) },
  "429": {
    description: "RateLimitError (per minute) or TooManyRequestsError (daily limit)",
    content: json(ref("Error")),
  },
  "500": { description: "Exception", content: json(ref("Error")) },
};

function queryParameters(schema: z.ZodType): JsonSchema[] {
  const properties =
    (z.toJSONSchema(schema, { io: "input" }) as { properties?: Record<string, JsonSchema> }).properties ?? {};
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: "query",
    required: false,
    schema: property,
    ...(property.type === "array" ? { style: "form", explode: true } : {}),
    ...(typeof property.description === "string" ? { description: property.description } : {}),
  }));
}

const pathId = (name: string, description: string) => ({
  name,
  in: "path",
  required: true,
  description,
  schema: { type: "string", format: "uuid" },
});

/**
 * The OpenAPI 3.1 description of the v2 API, generated from the zod schemas that validate its
 * requests, so the document cannot drift from what the server accepts.
 */
export function openApiDocument(serverUrl: string) {
  const { schemas: components } = z.toJSONSchema(z.globalRegistry, {
    io: "input",
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, JsonSchema> };
  for (const schema of Object.values(components)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Tidings API",
      version: "2",
      description:
        "Send emails and text messages and read what happened to them. Wire-compatible with GOV.UK Notify's v2 API, so its official clients work with Tidings' address as their base URL. Authenticate with `Authorization: Bearer <JWT>`: HS256, `iss` your service id, `iat` the current time in seconds, signed with your API key's secret (the last 36 characters of the key).",
    },
    servers: [{ url: serverUrl }],
    security: [{ notifyJwt: [] }],
    components: {
      securitySchemes: { notifyJwt: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
      schemas: components,
    },
    paths: {
      "/v2/notifications/email": {
        post: {
          operationId: "sendEmail",
          summary: "Send an email",
          description:
            "Accepts the email and queues it for delivery. Send an `Idempotency-Key` header to make retries safe: a retry with the same key and body gets the first response again and sends nothing.",
          parameters: [
            { name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 255 } },
          ],
          requestBody: { required: true, content: json(ref("PostEmailRequest")) },
          responses: { "201": { description: "Accepted", content: json(ref("PostEmailResponse")) }, ...errorResponses },
        },
      },
      "/v2/notifications/sms": {
        post: {
          operationId: "sendSms",
          summary: "Send a text message",
          parameters: [
            { name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 255 } },
          ],
          requestBody: { required: true, content: json(ref("PostSmsRequest")) },
          responses: { "201": { description: "Accepted", content: json(ref("PostSmsResponse")) }, ...errorResponses },
        },
      },
      "/v2/notifications/{notificationId}": {
        get: {
          operationId: "getNotification",
          summary: "Get a notification's status",
          parameters: [pathId("notificationId", "The id returned when it was sent")],
          responses: {
            "200": { description: "The notification", content: json(ref("Notification")) },
            "404": { description: "NoResultFound", content: json(ref("Error")) },
            ...errorResponses,
          },
        },
      },
      "/v2/notifications": {
        get: {
          operationId: "getNotifications",
          summary: "List notifications sent with this key's type",
          description:
            "Newest first, 250 a page; follow `links.next` for older ones. Only notifications within the service's data retention.",
          parameters: queryParameters(schemas.getNotificationsQuery),
          responses: {
            "200": { description: "A page of notifications", content: json(ref("NotificationList")) },
            ...errorResponses,
          },
        },
      },
      "/v2/template/{templateId}": {
        get: {
          operationId: "getTemplate",
          summary: "Get a template's latest version",
          parameters: [pathId("templateId", "The template's id")],
          responses: {
            "200": { description: "The template", content: json(ref("Template")) },
            "404": { description: "NoResultFound", content: json(ref("Error")) },
            ...errorResponses,
          },
        },
      },
      "/v2/template/{templateId}/version/{version}": {
        get: {
          operationId: "getTemplateVersion",
          summary: "Get one version of a template",
          parameters: [
            pathId("templateId", "The template's id"),
            { name: "version", in: "path", required: true, schema: { type: "integer", minimum: 1 } },
          ],
          responses: {
            "200": { description: "The template as it was at that version", content: json(ref("Template")) },
            "404": { description: "NoResultFound", content: json(ref("Error")) },
            ...errorResponses,
          },
        },
      },
      "/v2/template/{templateId}/preview": {
        post: {
          operationId: "previewTemplate",
          summary: "Render a template with personalisation",
          parameters: [pathId("templateId", "The template's id")],
          requestBody: { required: true, content: json(ref("PostTemplatePreviewRequest")) },
          responses: {
            "200": { description: "The rendered template", content: json(ref("TemplatePreview")) },
            "404": { description: "NoResultFound", content: json(ref("Error")) },
            ...errorResponses,
          },
        },
      },
      "/v2/templates": {
        get: {
          operationId: "getTemplates",
          summary: "List templates",
          parameters: queryParameters(schemas.getTemplatesQuery),
          responses: {
            "200": { description: "Every template not archived", content: json(ref("TemplateList")) },
            ...errorResponses,
          },
        },
      },
      "/v2/received-text-messages": {
        get: {
          operationId: "getReceivedTextMessages",
          summary: "List text messages received",
          description: "Newest first, 250 a page; follow `links.next` for older ones.",
          parameters: queryParameters(schemas.olderThanQuery),
          responses: {
            "200": { description: "A page of received texts", content: json(ref("ReceivedTextMessageList")) },
            ...errorResponses,
          },
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
