import "server-only";
import { AppError } from "@/lib/errors";
import type { PresignedUpload } from "@/lib/recipient-files/direct-upload";

/** What a step of an upload straight to S3 answers the browser: the next step, or what is wrong. */
export type DirectUpload = PresignedUpload | { error: string };

/**
 * Runs a step of an upload straight to S3 for a server action the browser calls (not a form, so
 * there is no form state): an expected failure comes back as its message, for the upload form to
 * show beside the file field.
 */
export async function directUploadStep<Result>(step: () => Promise<Result>): Promise<Result | { error: string }> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof AppError) return { error: error.fieldErrors.file ?? error.message };
    throw error;
  }
}
