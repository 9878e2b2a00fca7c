import "server-only";
import { decryptSecret } from "@/lib/crypto/secrets";
import { cachedSetting, invalidateSettings } from "@/lib/cache/settings-cache";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { KeyType } from "@/lib/generated/prisma/enums";
import { log } from "@/lib/log";
import { SENDING_SERVICE_FIELDS, type SendingService } from "@/lib/services/sending-service";
import { isUuid } from "@/lib/validation";
import { decodeToken, hasValidSignature, type DecodedToken } from "./jwt";

/** Notify's tolerance for clock difference between client and server, either way. */
const CLOCK_SKEW_SECONDS = 30;

export type ApiCaller = { service: SendingService; apiKey: { id: string; name: string; keyType: KeyType } };

const authFailed = (message: string) => new AppError("auth_failed", message);

/**
 * A refusal of a token that was signed with one of the service's keys (the key is revoked, or the
 * client's clock is wrong): unlike other refusals it surely comes from the service, so the service
 * may be shown it in its API log.
 */
export class KeyHolderAuthError extends AppError {
  constructor(
    message: string,
    readonly serviceId: string,
    readonly apiKeyId: string,
  ) {
    super("auth_failed", message);
  }
}

// A key's secret never changes, so its decryption can be kept; revocation is read every time.
const secrets = new Map<string, string>();
function secretOf(key: { id: string; secretEncrypted: string }): string {
  let secret = secrets.get(key.id);
  if (!secret) {
    secret = decryptSecret(key.secretEncrypted);
    if (secrets.size > 10_000) secrets.clear();
    secrets.set(key.id, secret);
  }
  return secret;
}

const lastUseRecorded = new Map<string, number>();
function recordUse(keyId: string, now: number): void {
  if (now - (lastUseRecorded.get(keyId) ?? 0) < 60_000) return;
  lastUseRecorded.set(keyId, now);
  db.apiKey
    .update({ where: { id: keyId }, data: { lastUsedAt: new Date(now) } })
    .catch((error: unknown) => log.warn({ err: error, keyId }, "could not record API key use"));
}

type ServiceKey = { id: string; name: string; keyType: KeyType; secretEncrypted: string; revokedAt: Date | null };

// The official clients sign a new token for every request, but `iat` counts whole seconds, so a
// busy sender repeats each token many times a second: which key signed a token is remembered
// (secrets never change) instead of computing an HMAC per key per request.
const recentlyVerified = new Map<string, string>();
function signingKey(keys: ServiceKey[], bearer: string, token: DecodedToken): ServiceKey | undefined {
  const knownId = recentlyVerified.get(bearer);
  const known = knownId === undefined ? undefined : keys.find((candidate) => candidate.id === knownId);
  if (known) return known;
  const key = keys.find((candidate) => hasValidSignature(token, secretOf(candidate)));
  if (key) {
    if (recentlyVerified.size > 10_000) recentlyVerified.clear();
    recentlyVerified.set(bearer, key.id);
  }
  return key;
}

function sendingServiceWithKeys(serviceId: string) {
  return cachedSetting(`${serviceId}:keys`, () =>
    db.service.findUnique({
      where: { id: serviceId },
      select: {
        ...SENDING_SERVICE_FIELDS,
        apiKeys: { select: { id: true, name: true, keyType: true, secretEncrypted: true, revokedAt: true } },
      },
    }),
  );
}

/**
 * Checks a GOV.UK Notify client's `Authorization: Bearer <JWT>` header: HS256, `iss` = service id,
 * `iat` within 30 seconds, signed with one of the service's API key secrets. Errors carry Notify's
 * messages.
 */
export async function authenticateApiRequest(
  authorization: string | null,
  now: number = Date.now(),
): Promise<ApiCaller> {
  if (!authorization) throw new AppError("unauthorized", "Unauthorized: authentication token must be provided");
  if (authorization.slice(0, 7).toLowerCase() !== "bearer ")
    throw new AppError("unauthorized", "Unauthorized: authentication bearer scheme must be used");

  const token = decodeToken(authorization.slice(7));
  if (!token) throw authFailed("Invalid token: signature, api token is not valid");
  if (token.header.alg !== "HS256") throw authFailed("Invalid token: algorithm used is not HS256");
  const { iss, iat } = token.claims;
  if (iss === undefined || iss === null || iss === "") throw authFailed("Invalid token: iss field not provided");
  if (typeof iss !== "string" || !isUuid(iss)) throw authFailed("Invalid token: service id is not the right data type");

  // A service or key created a moment ago in another process may not be in this one's cache yet.
  const bearer = authorization.slice(7).trim();
  let service = await sendingServiceWithKeys(iss);
  let key = service && signingKey(service.apiKeys, bearer, token);
  if (!key) {
    invalidateSettings(`${iss}:keys`);
    service = await sendingServiceWithKeys(iss);
    key = service && signingKey(service.apiKeys, bearer, token);
  }
  if (!service) throw authFailed("Invalid token: service not found");
  if (service.apiKeys.length === 0) throw authFailed("Invalid token: service has no API keys");
  if (!service.active) throw authFailed("Invalid token: service is archived");
  if (!key) throw authFailed("Invalid token: API key not found");
  if (typeof iat !== "number") throw authFailed("Invalid token: iat field not provided");
  if (Math.abs(now / 1000 - iat) > CLOCK_SKEW_SECONDS)
    throw new KeyHolderAuthError("Error: Your system clock must be accurate to within 30 seconds", service.id, key.id);
  if (key.revokedAt) throw new KeyHolderAuthError("Invalid token: API key revoked", service.id, key.id);

  recordUse(key.id, now);
  const { apiKeys: _keys, ...sendingService } = service;
  return { service: sendingService, apiKey: { id: key.id, name: key.name, keyType: key.keyType } };
}
