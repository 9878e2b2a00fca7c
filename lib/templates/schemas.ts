import "server-only";
import { z } from "zod";
import { AppError, isAppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { downgradeForSms, SMS_CHARACTER_LIMIT, smsCharacterCount } from "./sms";

const TEMPLATE_TYPES = ["email", "sms"] as const;

const name = z
  .string()
  .trim()
  .min(1, "Enter a name for this template")
  .max(255, "Template name must be 255 characters or fewer");
const content = z
  .string()
  .trim()
  .min(1, "Enter the message")
  .max(100_000, "Message must be 100,000 characters or fewer");

export const templateInputSchema = z
  .object({
    name,
    type: z.enum(TEMPLATE_TYPES, { error: "Choose email or text message" }),
    subject: z.string().trim().max(998, "Subject must be 998 characters or fewer").optional().nullable(),
    content,
    processType: z.enum(["normal", "priority"]).default("normal"),
    folderId: z.uuid("Choose a folder").nullish(),
  })
  .superRefine((template, context) => {
    if (template.type === "email" && !template.subject)
      context.addIssue({ code: "custom", path: ["subject"], message: "Enter a subject line" });
  });
export type TemplateInput = z.input<typeof templateInputSchema>;

const UNCLOSED_PLACEHOLDER = /\(\((?![^()]*\)\))/;

/**
 * What makes a template impossible to send, by field: an unclosed `((placeholder`, or a text message
 * longer than can be sent (counted as sent, placeholders as written). Checked on every save, with
 * the other fields' errors, so that nothing unsendable is saved.
 * @internal Exported for its tests.
 */
export function templateContentProblems(template: {
  type: string | undefined;
  subject?: string | null;
  content?: string | null;
}): Record<string, string> {
  const problems: Record<string, string> = {};
  const unclosed = (text: string | null | undefined) => text && UNCLOSED_PLACEHOLDER.test(text);
  if (template.type === "email" && unclosed(template.subject))
    problems.subject = "A placeholder in the subject is not closed: end it with ))";
  if (unclosed(template.content)) problems.content = "A placeholder in the message is not closed: end it with ))";
  else if (template.type === "sms" && template.content) {
    const characters = smsCharacterCount(downgradeForSms(template.content.trim()));
    if (characters > SMS_CHARACTER_LIMIT)
      problems.content = `Text messages cannot be longer than ${SMS_CHARACTER_LIMIT} characters. This one is ${characters.toLocaleString("en-GB")}.`;
  }
  return problems;
}

/** Parses a template form, all fields at once: the shape's errors and templateContentProblems together. */
export function parseTemplate<Schema extends z.ZodType>(
  schema: Schema,
  input: { type?: string; subject?: string | null; content?: string | null } & Record<string, unknown>,
): z.output<Schema> {
  const problems = templateContentProblems({ type: input.type, subject: input.subject, content: input.content });
  try {
    const parsed = parseInput(schema, input);
    if (Object.keys(problems).length > 0) throw new AppError("validation", Object.values(problems)[0]!, problems);
    return parsed;
  } catch (error) {
    if (!isAppError(error, "validation")) throw error;
    const fieldErrors = { ...problems, ...error.fieldErrors };
    throw new AppError("validation", Object.values(fieldErrors)[0]!, fieldErrors);
  }
}

export const templateChangesSchema = z.object({
  name,
  subject: z.string().trim().max(998).optional().nullable(),
  content,
  processType: z.enum(["normal", "priority"]).optional(),
});
export type TemplateChanges = z.input<typeof templateChangesSchema>;
