import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors";

/** Parses with zod; failures become one AppError carrying a message per field. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join(".") || "form";
    fieldErrors[field] ??= issue.message;
  }
  throw new AppError("validation", Object.values(fieldErrors)[0] ?? "Check the form for errors", fieldErrors);
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids reach lib from URLs and tokens; anything that is not a UUID cannot name a row. */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
