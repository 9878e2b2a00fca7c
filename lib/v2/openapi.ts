import "server-only";
import { z } from "zod";
import type { V2RouteDefinition } from "./route";
import { errorResponse } from "./schemas";

type JsonSchema = Record<string, unknown>;
const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (schema: JsonSchema) => ({ "application/json": { schema } });

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** The route modules of the API by their OpenAPI path (`/v2/notifications/{notificationId}`). */
export type V2RouteModules = Record<string, Partial<Record<(typeof METHODS)[number], unknown>>>;

/** A schema by reference when it is registered with an id (it is then under components), else inline. */
function schemaOf(schema: z.ZodType): JsonSchema {
  const id = z.globalRegistry.get(schema)?.id;
  if (id) return ref(id);
  const inline = z.toJSONSchema(schema, { io: "input" }) as JsonSchema;
  delete inline.$schema;
  return inline;
}

const errorResponses = () => ({
  "400": { description: "ValidationError or BadRequestError", content: json(schemaOf(errorResponse)) },
  "401": { description: "AuthError: no token, or not a Bearer token", content: json(schemaOf(errorResponse)) },
  "403": {
    description: "AuthError: the token is invalid, expired or its key revoked",
    content: json(schemaOf(errorResponse)),
  },
  "429": {
    description: "RateLimitError (per minute) or TooManyRequestsError (daily limit)",
    content: json(schemaOf(errorResponse)),
  },
  "500": { description: "Exception", content: json(schemaOf(errorResponse)) },
});

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

function pathParameters(path: string, definition: V2RouteDefinition): JsonSchema[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => {
    const param = definition.docs.pathParams?.[name!];
    return {
      name,
      in: "path",
      required: true,
      ...(param ? { description: param.description } : {}),
      schema: param?.type === "integer" ? { type: "integer", minimum: 1 } : { type: "string", format: "uuid" },
    };
  });
}

const idempotencyKeyHeader = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description:
    "Makes retries safe: a retry with the same key and body gets the first response again and sends nothing.",
  schema: { type: "string", maxLength: 255 },
};

function operation(path: string, definition: V2RouteDefinition) {
  const { docs, body, query } = definition;
  const parameters = [
    ...pathParameters(path, definition),
    ...(query ? queryParameters(query) : []),
    ...(docs.idempotent ? [idempotencyKeyHeader] : []),
  ];
  return {
    operationId: docs.operationId,
    summary: docs.summary,
    ...(docs.description ? { description: docs.description } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(body ? { requestBody: { required: true, content: json(schemaOf(body)) } } : {}),
    responses: {
      [String(docs.response.status)]: {
        description: docs.response.description,
        content: json(schemaOf(docs.response.schema)),
      },
      ...(docs.canBeNotFound
        ? { "404": { description: "NoResultFound", content: json(schemaOf(errorResponse)) } }
        : {}),
      ...errorResponses(),
    },
  };
}

const definitionOf = (handler: unknown): V2RouteDefinition | undefined =>
  typeof handler === "function" && "definition" in handler ? (handler.definition as V2RouteDefinition) : undefined;

/**
 * The OpenAPI 3.1 description of the v2 API, read from the route handlers themselves: each declares
 * its request schemas (the zod schemas that validate it), its answer and a summary, so the document
 * cannot drift from what the server accepts. Routes without a definition (the catch-all, this
 * document itself) are left out.
 */
export function openApiDocument(routes: V2RouteModules, serverUrl: string) {
  const { schemas: components } = z.toJSONSchema(z.globalRegistry, {
    io: "input",
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, JsonSchema> };
  for (const schema of Object.values(components)) {
    delete schema.$schema;
    delete schema.$id;
  }
  const paths: Record<string, Record<string, ReturnType<typeof operation>>> = {};
  for (const [path, module] of Object.entries(routes)) {
    for (const method of METHODS) {
      const definition = definitionOf(module[method]);
      if (definition) paths[path] = { ...paths[path], [method.toLowerCase()]: operation(path, definition) };
    }
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
    paths,
  };
}
