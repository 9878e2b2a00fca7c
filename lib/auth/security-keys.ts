import "server-only";
import { ownAccountOf, type AccountWrite } from "@/lib/permissions";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

/** How long a browser has to answer a challenge (WebAuthn's own timeout is one minute). */
const CHALLENGE_TTL_MS = 5 * 60_000;

// The relying party is this installation's public address: keys registered under it work only there.
const relyingParty = () => {
  const url = new URL(config().publicUrl);
  return { rpID: url.hostname, origin: url.origin };
};

/** What a browser sends back from navigator.credentials; @simplewebauthn checks the rest. */
export const webauthnResponseSchema = z
  .object({
    id: z.string().min(1).max(1024),
    rawId: z.string().min(1).max(1024),
    type: z.literal("public-key"),
    response: z.record(z.string(), z.unknown()),
  })
  .loose();

const keyNameSchema = z.object({
  keyName: z
    .string()
    .trim()
    .min(1, "Give the key a name, like “Blue key on my keyring”")
    .max(100, "Name must be 100 characters or fewer"),
});

export type SecurityKeySummary = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null };

export async function listSecurityKeys(userId: string): Promise<SecurityKeySummary[]> {
  return db.securityKey.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true },
  });
}

export async function hasSecurityKeys(userId: string): Promise<boolean> {
  return (await db.securityKey.count({ where: { userId } })) > 0;
}

async function issueChallenge(sessionId: string, challenge: string, now: Date): Promise<void> {
  await db.session.update({
    where: { id: sessionId },
    data: { webauthnChallenge: challenge, webauthnChallengeAt: now },
  });
}

/** The session's outstanding challenge, used up: each one answers one ceremony. */
async function takeChallenge(sessionId: string, now: Date): Promise<string> {
  const session = await db.session.findUnique({
    where: { id: sessionId },
    select: { webauthnChallenge: true, webauthnChallengeAt: true },
  });
  const challenge = session?.webauthnChallenge;
  const taken = challenge
    ? (
        await db.session.updateMany({
          where: { id: sessionId, webauthnChallenge: challenge },
          data: { webauthnChallenge: null, webauthnChallengeAt: null },
        })
      ).count === 1
    : false;
  if (!challenge || !taken || now.getTime() - session.webauthnChallengeAt!.getTime() > CHALLENGE_TTL_MS)
    throw new AppError("validation", "That took too long. Try again.");
  return challenge;
}

const transportsOf = (transports: string[]) => transports as AuthenticatorTransportFuture[];

/** Step one of adding a key: what the browser passes to navigator.credentials.create(). */
export async function securityKeyRegistrationOptions(
  user: { id: string; email: string; name: string },
  sessionId: string,
  now: Date = new Date(),
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await db.securityKey.findMany({
    where: { userId: user.id },
    select: { credentialId: true, transports: true },
  });
  const options = await generateRegistrationOptions({
    rpName: "Tidings",
    rpID: relyingParty().rpID,
    userName: user.email,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(user.id),
    attestationType: "none",
    excludeCredentials: existing.map((key) => ({ id: key.credentialId, transports: transportsOf(key.transports) })),
    authenticatorSelection: { residentKey: "discouraged", userVerification: "preferred" },
  });
  await issueChallenge(sessionId, options.challenge, now);
  return options;
}

/** Step two: checks the browser's answer against the challenge and keeps the key's public key. */
export async function addSecurityKey({
  actor,
  sessionId,
  now = new Date(),
  ...input
}: AccountWrite<{
  sessionId: string;
  keyName: string;
  response: RegistrationResponseJSON;
  now?: Date;
}>): Promise<SecurityKeySummary> {
  const userId = ownAccountOf(actor);
  const { keyName: name } = parseInput(keyNameSchema, { keyName: input.keyName });
  const expectedChallenge = await takeChallenge(sessionId, now);
  const { rpID, origin } = relyingParty();
  const verification = await verifyRegistrationResponse({
    response: input.response,
    expectedChallenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: false,
  }).catch(() => null);
  if (!verification?.verified) throw new AppError("validation", "The key could not be added. Try again.");
  const { credential } = verification.registrationInfo;
  return db.$transaction(async (tx) => {
    const key = await tx.securityKey.create({
      data: {
        userId,
        name,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey),
        counter: credential.counter,
        transports: credential.transports ?? [],
      },
      select: { id: true, name: true, createdAt: true, lastUsedAt: true },
    });
    await recordAuditEvent(tx, {
      action: "user.security_key_added",
      userId,
      subjectType: "security_key",
      subjectId: key.id,
      details: { name },
    });
    return key;
  });
}

export async function removeSecurityKey({ actor, keyId }: AccountWrite<{ keyId: string }>): Promise<void> {
  const userId = ownAccountOf(actor);
  await db.$transaction(async (tx) => {
    const key = await tx.securityKey.findFirst({ where: { id: keyId, userId }, select: { name: true } });
    if (!key) throw notFound("Security key");
    await tx.securityKey.delete({ where: { id: keyId } });
    await recordAuditEvent(tx, {
      action: "user.security_key_removed",
      userId,
      subjectType: "security_key",
      subjectId: keyId,
      details: { name: key.name },
    });
  });
}

/** For a session waiting for its second factor: what the browser passes to navigator.credentials.get(). */
export async function securityKeySignInOptions(
  userId: string,
  sessionId: string,
  now: Date = new Date(),
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const keys = await db.securityKey.findMany({ where: { userId }, select: { credentialId: true, transports: true } });
  if (keys.length === 0) throw new AppError("validation", "You have no security key. Use the code we sent you.");
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    allowCredentials: keys.map((key) => ({ id: key.credentialId, transports: transportsOf(key.transports) })),
    userVerification: "preferred",
  });
  await issueChallenge(sessionId, options.challenge, now);
  return options;
}

/**
 * Confirms sign-in with one of the person's security keys instead of a code: the signature must
 * answer this session's challenge, and the key's counter must not go backwards (a cloned key).
 */
export async function confirmSignInWithSecurityKey(
  sessionId: string,
  userId: string,
  response: AuthenticationResponseJSON,
  now: Date = new Date(),
): Promise<void> {
  const expectedChallenge = await takeChallenge(sessionId, now);
  const key = await db.securityKey.findFirst({ where: { userId, credentialId: response.id } });
  if (!key)
    throw new AppError("validation", "That security key is not one of yours. Use another, or the code we sent you.");
  const { rpID, origin } = relyingParty();
  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    credential: {
      id: key.credentialId,
      publicKey: new Uint8Array(key.publicKey),
      counter: Number(key.counter),
      transports: transportsOf(key.transports),
    },
    requireUserVerification: false,
  }).catch(() => null);
  if (!verification?.verified)
    throw new AppError("validation", "Your security key could not be checked. Try again, or use the code we sent you.");
  await db.$transaction(async (tx) => {
    await tx.securityKey.update({
      where: { id: key.id },
      data: { counter: verification.authenticationInfo.newCounter, lastUsedAt: now },
    });
    const { count } = await tx.session.updateMany({
      where: { id: sessionId, userId, secondFactorAt: null },
      data: { secondFactorAt: now },
    });
    if (count === 0) throw new AppError("validation", "Your sign-in has expired. Sign in again.");
    await recordAuditEvent(tx, {
      action: "user.second_factor_confirmed",
      userId,
      details: { channel: "security_key", key: key.name },
    });
  });
}
