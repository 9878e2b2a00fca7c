import "server-only";
import { hashPassword } from "@/lib/auth/password";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, isUniqueViolation } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requirePlatformAdmin, type PlatformWrite } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";
import { createUserInputSchema, type CreateUserInput } from "./schemas";

export type CreatedUser = { id: string; email: string; name: string; isPlatformAdmin: boolean };

/** Creates an account (platform admins; the setup link and invitations create theirs as the operator). */
export async function createUser({ actor, ...input }: PlatformWrite<CreateUserInput>): Promise<CreatedUser> {
  requirePlatformAdmin(actor);
  const { email, name, password, isPlatformAdmin } = parseInput(createUserInputSchema, input);
  const passwordHash = await hashPassword(password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email, name, passwordHash, isPlatformAdmin },
        select: { id: true, email: true, name: true, isPlatformAdmin: true },
      });
      await recordAuditEvent(tx, {
        action: "user.created",
        userId: actor.userId ?? user.id,
        subjectType: "user",
        subjectId: user.id,
        details: { isPlatformAdmin },
      });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", "A user with this email address already exists", {
        email: "A user with this email address already exists",
      });
    }
    throw error;
  }
}
