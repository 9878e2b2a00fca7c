import "server-only";
import { db } from "@/lib/db";
import type { KeyType } from "@/lib/generated/prisma/enums";

export type ApiKeySummary = {
  id: string;
  name: string;
  keyType: KeyType;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** The service's API keys, live ones first, newest first; never their secrets. Access is the caller's to check. */
export async function listApiKeys(serviceId: string): Promise<ApiKeySummary[]> {
  return db.apiKey.findMany({
    where: { serviceId },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: { id: true, name: true, keyType: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}
