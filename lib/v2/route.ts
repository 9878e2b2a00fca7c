import "server-only";
import type { z } from "zod";
import { authenticateApiRequest, KeyHolderAuthError, type ApiCaller } from "@/lib/api-keys/authenticate";
import { recordApiRequest } from "@/lib/api-log/record-api-request";
import { isDatabaseUnavailable } from "@/lib/db";
import { AppError, isAppError } from "@/lib/errors";
import { consumeApiRateLimit } from "@/lib/limits/api-rate-limit";
import { log } from "@/lib/log";
import { currentRequestId } from "@/lib/log/request-context";
import { logUnhandledError } from "@/lib/log/unhandled-errors";
import { readLimitedText } from "@/lib/http/read-limited-text";
import { v2ErrorResponse, v2ErrorsOf, validationError, type V2ErrorEntry } from "./errors";

/** Bodies larger than this are refused before they are parsed. */
const MAX_BODY_BYTES = 1024 * 1024;

type RouteContext = { params: Promise<Record<string, string>> };

export type V2Request<Body, Query, Params> = {
  caller: ApiCaller;
  body: Body;
  query: Query;
  params: Params;
  request: Request;
  rawBody: string;
};

/** What the OpenAPI document says of a route (lib/v2/openapi.ts reads it from the route itself). */
type V2RouteDocs = {
  operationId: string;
  summary: string;
  description?: string;
  /** The successful answer and its schema (registered with an id, so it appears under components). */
  response: { status: 200 | 201; description: string; schema: z.ZodType };
  /** Path parameters by their name in the path, with what they are. */
  pathParams?: Record<string, { description: string; type: "uuid" | "integer" }>;
  /** The route takes an Idempotency-Key header. */
  idempotent?: boolean;
  /** The route answers 404 NoResultFound when what it names does not exist. */
  canBeNotFound?: boolean;
};

type Options<Body, Query, Params> = {
  docs: V2RouteDocs;
  body?: z.ZodType<Body>;
  query?: z.ZodType<Query>;
  params?: z.ZodType<Params>;
  /** Query parameters that may repeat (`?status=a&status=b`). */
  repeatableParams?: string[];
  /** A larger body than MAX_BODY_BYTES (the bulk endpoint's rows). */
  maxBodyBytes?: number;
  /** The route sends messages: it counts against the service's rate limit, other routes against the read limit. */
  sends?: boolean;
};

/** A route's request schemas and docs, as the OpenAPI document needs them. */
export type V2RouteDefinition = Pick<Options<unknown, unknown, unknown>, "docs" | "body" | "query">;

export type V2RouteHandler = ((request: Request, context: RouteContext) => Promise<Response>) & {
  definition: V2RouteDefinition;
};

/**
 * Wraps a v2 route handler: authenticates the API key, applies the rate limit, parses the body
 * (at most 1 MiB of JSON, no unknown fields) and query, and answers every expected failure in
 * GOV.UK Notify's error format. Anything unexpected is logged and becomes a plain 500. The outcome
 * of each request from a known service goes to its API log, without making the request wait.
 */
export function v2Route<Body = undefined, Query = undefined, Params = Record<string, string>>(
  options: Options<Body, Query, Params>,
  handler: (input: V2Request<Body, Query, Params>) => Promise<Response>,
): V2RouteHandler {
  const route = async (request: Request, context: RouteContext): Promise<Response> => {
    const startedAt = performance.now();
    let loggedAs: { serviceId: string; apiKeyId: string } | undefined;
    let response: Response;
    let errors: V2ErrorEntry[] = [];
    try {
      const caller = await authenticateApiRequest(request.headers.get("authorization"));
      loggedAs = { serviceId: caller.service.id, apiKeyId: caller.apiKey.id };
      await consumeApiRateLimit(caller, options.sends ? "send" : "read");
      const rawBody = options.body ? await readBody(request, options.maxBodyBytes ?? MAX_BODY_BYTES) : "";
      const body = options.body ? parse(options.body, parseJson(rawBody)) : (undefined as Body);
      const query = options.query
        ? parse(options.query, queryObject(new URL(request.url).searchParams, options.repeatableParams ?? []))
        : (undefined as Query);
      const rawParams = await context.params;
      const params = options.params ? parse(options.params, rawParams) : (rawParams as Params);
      response = await handler({ caller, body, query, params, request, rawBody });
    } catch (error) {
      if (error instanceof KeyHolderAuthError) loggedAs = { serviceId: error.serviceId, apiKeyId: error.apiKeyId };
      const failure = isAppError(error) ? v2ErrorsOf(error) : unexpectedFailure(error, request);
      errors = failure.errors;
      response = v2ErrorResponse(failure.status, errors);
    }
    // Other refused requests are not logged: anyone can claim any service id.
    if (loggedAs) recordOutcome(request, loggedAs, response.status, errors, performance.now() - startedAt);
    return response;
  };
  const definition: V2RouteDefinition = { docs: options.docs, body: options.body, query: options.query };
  return Object.assign(route, { definition });
}

function unexpectedFailure(error: unknown, request: Request): { status: number; errors: V2ErrorEntry[] } {
  const origin = { requestId: currentRequestId(), method: request.method, path: new URL(request.url).pathname };
  if (isDatabaseUnavailable(error)) {
    // Not a bug of ours but an outage: the client should try again, as with Notify's 5xx.
    log.warn({ err: error, ...origin }, "database unavailable");
    return { status: 503, errors: [{ error: "ServiceUnavailableError", message: "Service temporarily unavailable" }] };
  }
  logUnhandledError(error, origin, "v2 API request failed");
  return { status: 500, errors: [{ error: "Exception", message: "Internal server error" }] };
}

const MAX_LOGGED_MESSAGE = 1000;

function recordOutcome(
  request: Request,
  by: { serviceId: string; apiKeyId: string },
  statusCode: number,
  errors: V2ErrorEntry[],
  durationMs: number,
): void {
  recordApiRequest({
    ...by,
    method: request.method,
    // The path only: query strings can carry recipients' references.
    path: new URL(request.url).pathname,
    statusCode,
    errorType: errors[0]?.error ?? null,
    errorMessage:
      errors.length > 0
        ? errors
            .map((entry) => entry.message)
            .join("; ")
            .slice(0, MAX_LOGGED_MESSAGE)
        : null,
    durationMs: Math.round(durationMs),
    createdAt: new Date(),
  });
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) throw validationError(result.error);
  return result.data;
}

const invalidJson = () => new AppError("bad_request", "Invalid JSON supplied in POST data");

function parseJson(raw: string): unknown {
  if (!raw.trim()) throw invalidJson();
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw invalidJson();
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw invalidJson();
  return value;
}

async function readBody(request: Request, maxBytes: number): Promise<string> {
  const body = await readLimitedText(request, maxBytes);
  if (body === null) throw new AppError("bad_request", `Request body is too large: the limit is ${maxBytes} bytes`);
  return body;
}

function queryObject(params: URLSearchParams, repeatable: string[]): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys()))
    result[key] = repeatable.includes(key) ? params.getAll(key) : (params.getAll(key).at(-1) ?? "");
  return result;
}
