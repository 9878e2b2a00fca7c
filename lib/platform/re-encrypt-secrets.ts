import "server-only";
import { encryptSecret, openSecret } from "@/lib/crypto/secrets";
import { db } from "@/lib/db";
import { requirePlatformAdmin, type PlatformWrite } from "@/lib/permissions";

type StoredSecret = { id: string; value: string };

/** Every stored value encrypted with SECRET_KEY: how to read its rows and write one back. */
const ENCRYPTED_COLUMNS: Record<
  string,
  { read: () => Promise<StoredSecret[]>; write: (row: StoredSecret) => Promise<unknown> }
> = {
  "API key secrets": {
    read: async () =>
      (await db.apiKey.findMany({ select: { id: true, secretEncrypted: true } })).map((row) => ({
        id: row.id,
        value: row.secretEncrypted,
      })),
    write: ({ id, value }) => db.apiKey.update({ where: { id }, data: { secretEncrypted: value } }),
  },
  "callback signing secrets": {
    read: async () =>
      (await db.callbackSigningSecret.findMany({ select: { id: true, secretEncrypted: true } })).map((row) => ({
        id: row.id,
        value: row.secretEncrypted,
      })),
    write: ({ id, value }) => db.callbackSigningSecret.update({ where: { id }, data: { secretEncrypted: value } }),
  },
  "callback bearer tokens": {
    read: async () =>
      (await db.serviceCallbackApi.findMany({ select: { id: true, bearerTokenEncrypted: true } })).map((row) => ({
        id: row.id,
        value: row.bearerTokenEncrypted,
      })),
    write: ({ id, value }) => db.serviceCallbackApi.update({ where: { id }, data: { bearerTokenEncrypted: value } }),
  },
};

type ReEncrypted = { what: string; reEncrypted: number; alreadyCurrent: number }[];

/**
 * The second step of rotating SECRET_KEY: every stored secret still encrypted with
 * SECRET_KEY_PREVIOUS is encrypted again with SECRET_KEY, one row at a time (safe to run again, and
 * while the web app and worker run). Once it reports nothing left, SECRET_KEY_PREVIOUS can go.
 */
export async function reEncryptSecrets({ actor }: PlatformWrite): Promise<ReEncrypted> {
  requirePlatformAdmin(actor);
  const report: ReEncrypted = [];
  for (const [what, column] of Object.entries(ENCRYPTED_COLUMNS)) {
    let reEncrypted = 0;
    let alreadyCurrent = 0;
    for (const row of await column.read()) {
      const { plaintext, current } = openSecret(row.value);
      if (current) alreadyCurrent++;
      else {
        await column.write({ id: row.id, value: encryptSecret(plaintext) });
        reEncrypted++;
      }
    }
    report.push({ what, reEncrypted, alreadyCurrent });
  }
  return report;
}
