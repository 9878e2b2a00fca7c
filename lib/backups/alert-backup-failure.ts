import "server-only";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { emailFromTidings } from "@/lib/platform/email-from-tidings";

/** Emails every platform admin that a backup failed, through Tidings' own service. Answers how many. */
export async function alertBackupFailure(backup: string, error: unknown): Promise<number> {
  const admins = await db.user.findMany({ where: { isPlatformAdmin: true }, select: { email: true } });
  const reason = (error instanceof Error ? error.message : String(error)).slice(0, 1500);
  return emailFromTidings(
    "backupFailed",
    admins.map((admin) => admin.email),
    { backup, reason, link: `${config().publicUrl}/admin/scheduled-jobs` },
  );
}
