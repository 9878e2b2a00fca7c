import "server-only";

const isoWeekOf = (day: Date) => {
  const date = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  return `${date.getUTCFullYear()}-W${Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7)}`;
};

const dateOfId = (id: string) => new Date(`${id.slice(0, 10)}T00:00:00Z`);

/**
 * The backups to keep, as Cobalt's RDS retention: the newest of each of the last `daily` days that
 * have one, and the newest of each of the last `weekly` ISO weeks. Ids sort as they were taken.
 */
export function backupsToKeep(ids: string[], daily: number, weekly: number): Set<string> {
  const newestFirst = [...ids].sort().reverse();
  const keep = new Set<string>();
  const newestOf = (period: (id: string) => string, count: number) => {
    const seen = new Set<string>();
    for (const id of newestFirst) {
      const key = period(id);
      if (seen.has(key)) continue;
      if (seen.size >= count) break;
      seen.add(key);
      keep.add(id);
    }
  };
  newestOf((id) => id.slice(0, 10), daily);
  newestOf((id) => isoWeekOf(dateOfId(id)), weekly);
  return keep;
}
