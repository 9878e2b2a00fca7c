import "server-only";
import { CronExpressionParser } from "cron-parser";

const parse = (cron: string, timeZone: string, from: Date) =>
  CronExpressionParser.parse(cron, { tz: timeZone, currentDate: from });

/** When a cron expression, read in `timeZone`, next fires after `from`. */
export function nextRunOf(cron: string, timeZone: string, from: Date): Date {
  return parse(cron, timeZone, from).next().toDate();
}

/**
 * How long a schedule may go between runs: the longest gap among its next runs (so a weekday-only
 * job's period is the weekend's gap, not a day).
 */
export function periodOf(cron: string, timeZone: string, from: Date): number {
  const expression = parse(cron, timeZone, from);
  let previous = expression.next().getTime();
  let longest = 0;
  for (let index = 0; index < 10; index++) {
    const next = expression.next().getTime();
    longest = Math.max(longest, next - previous);
    previous = next;
  }
  return longest;
}
