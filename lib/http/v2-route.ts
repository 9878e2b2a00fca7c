import type { z } from "zod";
import { authenticateApiRequest, type ApiCaller } from "@/lib/api-keys/authenticate";
import { AppError, isAppError } from "@/lib/errors";
import { consumeApiRateLimit } from "@/lib/limits/api-rate-limit";
import { log } from "@/lib/log";
import { readLimitedText } from "./read-limited-text";
import { appErrorResponse, v2ErrorResponse, validationError } from "./v2-errors";

/** Bodies larger than this are refused before they are parsed. */
export const MAX_BODY_BYTES = 1024 * 1024;

type RouteContext = { params: Promise<Record<string, string>> };

export type V2Request<Body, Query, Params> = { caller: ApiCaller; body: Body; query: Query; params: Params; request: Request; rawBody: string };

type Options<Body, Query, Params> = {
  body?: z.ZodType<Body>;
  query?: z.ZodType<Query>;
  params?: z.ZodType<Params>;
  /** Query parameters that may repeat (`?status=a&status=b`). */
  repeatableParams?: string[];
};

/**
 * Wraps a v2 route handler: authenticates the API key, applies the rate limit, parses the body
 * (at most 1 MiB of JSON, no unknown fields) and query, and answers every expected failure in
 * GOV.UK Notify's error format. Anything unexpected is logged and becomes a plain 500.
 */
export function v2Route<Body = undefined, Query = undefined, Params = Record<string, string>>(
  options: Options<Body, Query, Params>,
  handler: (input: V2Request<Body, Query, Params>) => Promise<Response>,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      const caller = await authenticateApiRequest(request.headers.get("authorization"));
      await consumeApiRateLimit(caller);
      const rawBody = options.body ? await readBody(request) : "";
      const body = options.body ? parse(options.body, parseJson(rawBody)) : (undefined as Body);
      const query = options.query ? parse(options.query, queryObject(new URL(request.url).searchParams, options.repeatableParams ?? [])) : (undefined as Query);
      const rawParams = await context.params;
      const params = options.params ? parse(options.params, rawParams) : (rawParams as Params);
      return await handler({ caller, body, query, params, request, rawBody });
    } catch (error) {
      if (isAppError(error)) return appErrorResponse(error);
      log.error({ err: error, method: request.method, path: new URL(request.url).pathname }, "v2 API request failed");
      return v2ErrorResponse(500, [{ error: "Exception", message: "Internal server error" }]);
    }
  };
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

async function readBody(request: Request): Promise<string> {
  const body = await readLimitedText(request, MAX_BODY_BYTES);
  if (body === null) throw new AppError("bad_request", `Request body is too large: the limit is ${MAX_BODY_BYTES} bytes`);
  return body;
}

function queryObject(params: URLSearchParams, repeatable: string[]): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) result[key] = repeatable.includes(key) ? params.getAll(key) : (params.getAll(key).at(-1) ?? "");
  return result;
}
