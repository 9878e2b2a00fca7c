import "server-only";
import { config } from "@/lib/config";
import { db, type DbClient } from "@/lib/db";
import { isUuid } from "@/lib/validation";

export type SessionUser = { sessionId: string; id: string; email: string; name: string; isPlatformAdmin: boolean };

export async function createSession(
  client: DbClient,
  input: { userId: string; ipAddress?: string | null; userAgent?: string | null },
) {
  const expiresAt = new Date(Date.now() + config().SESSION_TTL_HOURS * 3_600_000);
  return client.session.create({
    data: {
      userId: input.userId,
      expiresAt,
      ipAddress: input.ipAddress ?? null,
      userAgent: input.userAgent?.slice(0, 512) ?? null,
    },
    select: { id: true, expiresAt: true },
  });
}

/**
 * The user behind a live session, or null if the session ended, expired, never existed, or is
 * still waiting for its sign-in code (`pending` then tells the caller to ask for it).
 */
export async function findSessionUser(
  sessionId: string,
  options: { pending?: boolean } = {},
): Promise<SessionUser | null> {
  if (!isUuid(sessionId)) return null;
  const session = await db.session.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      expiresAt: true,
      lastActiveAt: true,
      secondFactorAt: true,
      user: { select: { id: true, email: true, name: true, isPlatformAdmin: true, suspendedAt: true } },
    },
  });
  if (!session || session.expiresAt <= new Date() || session.user.suspendedAt) return null;
  if ((session.secondFactorAt === null) !== (options.pending ?? false)) return null;
  // Write at most once a minute: a busy console must not turn every page view into an UPDATE.
  if (Date.now() - session.lastActiveAt.getTime() > 60_000) {
    await db.session.updateMany({ where: { id: sessionId }, data: { lastActiveAt: new Date() } });
  }
  const { suspendedAt: _suspendedAt, ...user } = session.user;
  return { sessionId: session.id, ...user };
}

export async function endSession(sessionId: string): Promise<void> {
  await db.session.deleteMany({ where: { id: sessionId } });
}

/** Deletes expired sessions and setup tokens that expired or were used; returns how many went. */
export async function deleteExpiredSessions(
  now: Date = new Date(),
): Promise<{ sessions: number; setupTokens: number }> {
  const [sessions, setupTokens] = await db.$transaction([
    db.session.deleteMany({ where: { expiresAt: { lte: now } } }),
    db.setupToken.deleteMany({ where: { OR: [{ expiresAt: { lte: now } }, { usedAt: { not: null } }] } }),
  ]);
  return { sessions: sessions.count, setupTokens: setupTokens.count };
}
