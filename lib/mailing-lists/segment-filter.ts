import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SegmentCondition } from "./schemas";

/** A subscriber's own columns a condition may name; any other field is one of its attributes. */
const COLUMNS: Record<string, Prisma.Sql> = {
  email: Prisma.sql`sub.normalised_email`,
  name: Prisma.sql`sub.name`,
};

const valueOf = (field: string) => COLUMNS[field] ?? Prisma.sql`(sub.attributes ->> ${field})`;

/** A date attribute as a date, or null when it does not start like one (a bad value never fails the query). */
const dateOf = (field: string) =>
  Prisma.sql`(CASE WHEN ${valueOf(field)} ~ '^\\d{4}-\\d{2}-\\d{2}' THEN left(${valueOf(field)}, 10)::date END)`;

function conditionSql(condition: SegmentCondition): Prisma.Sql {
  switch (condition.operator) {
    case "equals":
      return Prisma.sql`lower(${valueOf(condition.field)}) = lower(${condition.value})`;
    case "contains":
      return Prisma.sql`strpos(lower(${valueOf(condition.field)}), lower(${condition.value})) > 0`;
    case "is_set":
      return Prisma.sql`coalesce(${valueOf(condition.field)}, '') <> ''`;
    case "before":
      return Prisma.sql`${dateOf(condition.field)} < ${condition.value}::date`;
    case "after":
      return Prisma.sql`${dateOf(condition.field)} > ${condition.value}::date`;
  }
}

/** The SQL condition a segment adds to a query over `subscribers AS sub`: its conditions joined by and (all) or or (any). */
export function segmentFilterSql(match: "all" | "any", conditions: SegmentCondition[]): Prisma.Sql {
  if (conditions.length === 0) return Prisma.sql`TRUE`;
  return Prisma.sql`(${Prisma.join(conditions.map(conditionSql), match === "all" ? " AND " : " OR ")})`;
}
