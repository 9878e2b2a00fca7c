import { OPERATOR } from "@/lib/permissions";
import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import type { Permission } from "@/lib/generated/prisma/enums";
import { emailLocalPartFromName } from "@/lib/services/email-sender";
import { ALL_PERMISSIONS } from "@/lib/permissions";

export const DEFAULT_PASSWORD = "correct horse battery staple";
let defaultHash: Promise<string> | undefined;

const unique = () => randomBytes(4).toString("hex");

/** A user with the default password unless told otherwise; parents and defaults filled in. */
export async function makeUser(
  overrides: { email?: string; name?: string; password?: string; isPlatformAdmin?: boolean } = {},
) {
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

export async function makeService(
  overrides: { name?: string; trialMode?: boolean; members?: { userId: string; permissions?: Permission[] }[] } = {},
) {
  const name = overrides.name ?? `Service ${unique()}`;
  return db.service.create({
    data: {
      name,
      emailSenderLocalPart: `${emailLocalPartFromName(name)}.${unique()}`,
      trialMode: overrides.trialMode ?? true,
      members: {
        create: (overrides.members ?? []).map((member) => ({
          userId: member.userId,
          permissions: member.permissions ?? ALL_PERMISSIONS,
        })),
      },
    },
  });
}

export async function makeTemplate(
  serviceId: string,
  overrides: {
    type?: "email" | "sms";
    name?: string;
    subject?: string;
    content?: string;
    processType?: "normal" | "priority";
  } = {},
) {
  const { createTemplate } = await import("@/lib/templates/create-template");
  const type = overrides.type ?? "email";
  return createTemplate({
    actor: OPERATOR,
    serviceId,
    type,
    name: overrides.name ?? `${type} template ${unique()}`,
    subject: type === "email" ? (overrides.subject ?? "Hello ((name))") : null,
    content:
      overrides.content ??
      (type === "email"
        ? "Dear ((name)),\n\nYour reference is ((reference)).\n\nhttps://example.gov/track"
        : "Hi ((name)), your code is ((code))"),
    processType: overrides.processType ?? "normal",
  });
}

export async function makeApiKey(
  serviceId: string,
  keyType: "normal" | "team" | "test" = "normal",
  name = `key ${unique()}`,
) {
  const { createApiKey } = await import("@/lib/api-keys/create-api-key");
  return createApiKey({ actor: OPERATOR, serviceId, name, keyType });
}
