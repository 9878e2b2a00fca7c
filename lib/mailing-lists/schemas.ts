import "server-only";
import { z } from "zod";

export const listNameSchema = z
  .string()
  .trim()
  .min(1, "Enter a name for the list")
  .max(100, "The name must be 100 characters or fewer");

const SEGMENT_OPERATORS = ["equals", "contains", "is_set", "before", "after"] as const;

const segmentConditionSchema = z
  .object({
    field: z.string().trim().min(1, "Choose which attribute to compare").max(50),
    operator: z.enum(SEGMENT_OPERATORS, "Choose how to compare it"),
    value: z.string().trim().max(200).default(""),
  })
  .refine((condition) => condition.operator === "is_set" || condition.value !== "", {
    message: "Enter a value to compare with",
    path: ["value"],
  })
  .refine(
    (condition) => !["before", "after"].includes(condition.operator) || /^\d{4}-\d{2}-\d{2}$/.test(condition.value),
    { message: "Enter the date as YYYY-MM-DD, for example 2026-03-31", path: ["value"] },
  );
export type SegmentCondition = z.infer<typeof segmentConditionSchema>;

export const segmentSchema = z.object({
  name: z.string().trim().min(1, "Enter a name for the segment").max(100),
  match: z.enum(["all", "any"]).default("all"),
  conditions: z.array(segmentConditionSchema).min(1, "Add at least one condition").max(10),
});
export type SegmentDefinition = z.infer<typeof segmentSchema>;
