/** Failures the user can act on. lib throws them; the edge (page, action, route) maps them once. */
export type AppErrorCode = "not_found" | "forbidden" | "unauthorized" | "validation" | "conflict" | "locked" | "rate_limited";

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
