import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import type { Permission } from "@/lib/generated/prisma/enums";
import { ALL_PERMISSIONS } from "@/lib/services/permissions";

export const DEFAULT_PASSWORD = "correct horse battery staple";
let defaultHash: Promise<string> | undefined;

const unique = () => randomBytes(4).toString("hex");

/** A user with the default password unless told otherwise; parents and defaults filled in. */
export async function makeUser(overrides: { email?: string; name?: string; password?: string; isPlatformAdmin?: boolean } = {}) {
  defaultHash ??= hashPassword(DEFAULT_PASSWORD);
  const passwordHash = overrides.password ? await hashPassword(overrides.password) : await defaultHash;
  return db.user.create({
    data: {
      email: overrides.email ?? `user-${unique()}@example.com`,
      name: overrides.name ?? "Test User",
      passwordHash,
      isPlatformAdmin: overrides.isPlatformAdmin ?? false,
    },
  });
}

export async function makeService(overrides: { name?: string; trialMode?: boolean; members?: { userId: string; permissions?: Permission[] }[] } = {}) {
  return db.service.create({
    data: {
      name: overrides.name ?? `Service ${unique()}`,
      trialMode: overrides.trialMode ?? true,
      members: { create: (overrides.members ?? []).map((member) => ({ userId: member.userId, permissions: member.permissions ?? ALL_PERMISSIONS })) },
    },
  });
}
