import "server-only";
import { z } from "zod";
import { placeholderNames } from "./placeholders";
import { SMS_CHARACTER_LIMIT } from "./sms";

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
    if (
      template.type === "sms" &&
      template.content.length > SMS_CHARACTER_LIMIT &&
      placeholderNames(template.content).length === 0
    ) {
      context.addIssue({
        code: "custom",
        path: ["content"],
        message: `Text messages cannot be longer than ${SMS_CHARACTER_LIMIT} characters`,
      });
    }
  });
export type TemplateInput = z.input<typeof templateInputSchema>;

export const templateChangesSchema = z.object({
  name,
  subject: z.string().trim().max(998).optional().nullable(),
  content,
  processType: z.enum(["normal", "priority"]).optional(),
});
export type TemplateChanges = z.input<typeof templateChangesSchema>;
