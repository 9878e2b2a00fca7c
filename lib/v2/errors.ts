import "server-only";
import type { z } from "zod";
import { AppError, type AppErrorCode } from "@/lib/errors";

export type V2ErrorEntry = { error: string; message: string };

export function v2ErrorResponse(statusCode: number, errors: V2ErrorEntry[]): Response {
  return Response.json({ status_code: statusCode, errors }, { status: statusCode });
}

const MAPPING: Record<AppErrorCode, { status: number; error: string }> = {
  validation: { status: 400, error: "ValidationError" },
  bad_request: { status: 400, error: "BadRequestError" },
  not_found: { status: 404, error: "NoResultFound" },
  unauthorized: { status: 401, error: "AuthError" },
  auth_failed: { status: 403, error: "AuthError" },
  forbidden: { status: 403, error: "BadRequestError" },
  locked: { status: 403, error: "BadRequestError" },
  conflict: { status: 409, error: "ConflictError" },
  rate_limited: { status: 429, error: "RateLimitError" },
  daily_limit: { status: 429, error: "TooManyRequestsError" },
  unavailable: { status: 503, error: "ServiceUnavailableError" },
};

/** GOV.UK Notify's status and error entries for an expected failure. */
export function v2ErrorsOf(error: AppError): { status: number; errors: V2ErrorEntry[] } {
  const { status, error: name } = MAPPING[error.code];
  if (error.code === "not_found") return { status, errors: [{ error: name, message: "No result found" }] };
  const messages =
    error.code === "validation" && Object.keys(error.fieldErrors).length > 0
      ? Object.values(error.fieldErrors)
      : [error.message];
  return { status, errors: messages.map((message) => ({ error: name, message })) };
}

// How Python prints a value, so messages read exactly as Notify's jsonschema errors do.
function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string") return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(", ")}]`;
  if (typeof value === "object")
    return `{${Object.entries(value)
      .map(([key, entry]) => `${pythonRepr(key)}: ${pythonRepr(entry)}`)
      .join(", ")}}`;
  return String(value);
}

const JSON_SCHEMA_TYPES: Record<string, string> = {
  string: "string",
  object: "object",
  array: "array",
  number: "number",
  int: "integer",
  boolean: "boolean",
  record: "object",
};

/** Zod issues as Notify's ValidationError messages: one per field, "<field> <problem>". */
export function validationError(error: z.ZodError): AppError {
  const messages: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : "";
    const input = (issue as { input?: unknown }).input;
    let message: string;
    switch (issue.code) {
      case "unrecognized_keys":
        message = `Additional properties are not allowed (${issue.keys.map((key) => `'${key}'`).join(", ")} ${issue.keys.length === 1 ? "was" : "were"} unexpected)`;
        break;
      case "invalid_type":
        message =
          input === undefined
            ? `${field} is a required property`
            : `${field} ${pythonRepr(input)} is not of type ${JSON_SCHEMA_TYPES[issue.expected] ?? issue.expected}`;
        break;
      case "too_big":
        message = `${field} ${pythonRepr(input)} is too long`;
        break;
      case "invalid_value":
        message = `${field} ${String(input)} is not one of [${issue.values.map(String).join(", ")}]`;
        break;
      default:
        message = `${field} ${issue.message}`;
    }
    const key = field || issue.code;
    messages[key] ??= message.trim();
  }
  return new AppError("validation", Object.values(messages)[0] ?? "Invalid request", messages);
}
