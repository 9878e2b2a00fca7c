import "server-only";
import { OPERATOR } from "@/lib/permissions";
import { config } from "@/lib/config";
import { hashToken, randomToken } from "@/lib/crypto/secrets";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createUser, type CreatedUser } from "@/lib/users/create-user";
import type { CreateUserInput } from "@/lib/users/schemas";

async function hasAnyUser(): Promise<boolean> {
  return (await db.user.count()) > 0;
}

/**
 * While nobody can sign in yet, issues a fresh one-time token for the setup page and returns it
 * (only its hash is stored). Returns null once a user exists.
 */
export async function issueSetupToken(): Promise<string | null> {
  if (await hasAnyUser()) return null;
  const token = randomToken();
  const expiresAt = new Date(Date.now() + config().SETUP_TOKEN_TTL_HOURS * 3_600_000);
  await db.$transaction([
    db.setupToken.deleteMany({ where: { usedAt: null } }),
    db.setupToken.create({ data: { tokenHash: hashToken(token), expiresAt } }),
  ]);
  return token;
}

/** What `npm start` prints while nobody can sign in: a fresh setup link and the CLI alternative. */
export async function firstRunInstructions(): Promise<string | null> {
  const token = await issueSetupToken();
  if (!token) return null;
  const { publicUrl, SETUP_TOKEN_TTL_HOURS } = config();
  return [
    "No one can sign in yet. Create the first administrator, either:",
    `  • in the browser (one-time link, valid ${SETUP_TOKEN_TTL_HOURS} hours): ${publicUrl}/setup?token=${token}`,
    `  • or on the command line: npm run cli -- create-user --platform-admin --email you@example.com --name "Your Name"`,
  ].join("\n");
}

export async function isSetupTokenValid(token: string): Promise<boolean> {
  const found = await db.setupToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { usedAt: true, expiresAt: true },
  });
  return Boolean(found && !found.usedAt && found.expiresAt > new Date()) && !(await hasAnyUser());
}

/** Creates the first platform administrator, consuming the token. */
export async function completeSetup(
  token: string,
  admin: Omit<CreateUserInput, "isPlatformAdmin">,
): Promise<CreatedUser> {
  const claimed = await db.setupToken.updateMany({
    where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  if (claimed.count !== 1 || (await hasAnyUser())) {
    throw new AppError(
      "forbidden",
      "This setup link has expired or was already used. Restart Tidings to print a new one, or use `npm run cli -- create-user`.",
    );
  }
  try {
    return await createUser({ actor: OPERATOR, ...admin, isPlatformAdmin: true });
  } catch (error) {
    // A typo in the form must not burn the only token.
    await db.setupToken.updateMany({ where: { tokenHash: hashToken(token) }, data: { usedAt: null } });
    throw error;
  }
}
