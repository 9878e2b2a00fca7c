/**
 * Failures the caller can act on. lib throws them; the edge maps them once: forms show the message
 * beside the field, the v2 API answers in GOV.UK Notify's format (see lib/v2/errors.ts).
 */
export type AppErrorCode =
  | "validation"
  | "bad_request"
  | "not_found"
  | "forbidden"
  | "unauthorized"
  | "auth_failed"
  | "conflict"
  | "locked"
  | "rate_limited"
  | "daily_limit"
  /** Something Tidings depends on (file storage) is out of reach for the moment: try again later. */
  | "unavailable";

export class AppError extends Error {
  override name = "AppError";

  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Field name → message, for forms that show the error beside the field. */
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);
export const forbidden = (message = "You do not have permission to do that") => new AppError("forbidden", message);

export function isAppError(error: unknown, code?: AppErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
