import "server-only";
import { config } from "@/lib/config";
import { readSignedToken, signToken } from "@/lib/crypto/signed-tokens";

const PURPOSE = "unsubscribe";
const NO_CAMPAIGN = "00000000-0000-0000-0000-000000000000";

export type UnsubscribeSubject = { subscriberId: string; listId: string; campaignId: string | null };

const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ""), "hex");
const uuidOf = (bytes: Buffer) => bytes.toString("hex").replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5");

/** The token of a subscriber's unsubscribe link: names the subscriber, the list and the campaign that sent it, signed. */
export function signUnsubscribeToken(subject: UnsubscribeSubject): string {
  return signToken(
    PURPOSE,
    Buffer.concat([subject.subscriberId, subject.listId, subject.campaignId ?? NO_CAMPAIGN].map(uuidBytes)),
  );
}

/** What a token names, or null if it was not made by signUnsubscribeToken with this installation's key. */
export function readUnsubscribeToken(token: string): UnsubscribeSubject | null {
  const payload = readSignedToken(PURPOSE, token);
  if (!payload || payload.length !== 48) return null;
  const [subscriberId, listId, campaignId] = [0, 16, 32].map((offset) => uuidOf(payload.subarray(offset, offset + 16)));
  return { subscriberId: subscriberId!, listId: listId!, campaignId: campaignId === NO_CAMPAIGN ? null : campaignId! };
}

/** The word an unsubscribe email's subject starts with, before its token. */
const UNSUBSCRIBE_SUBJECT = "unsubscribe";
const linkPrefix = () => `${config().publicUrl}/unsubscribe/`;

/** The one-click unsubscribe link (RFC 8058) carrying a token: its page, and the address mail providers POST to. */
export function oneClickLink(token: string): string {
  return `${linkPrefix()}${token}`;
}

/**
 * The `mailto:` of RFC 2369's List-Unsubscribe for one of our own unsubscribe links: a message to
 * UNSUBSCRIBE_EMAIL_ADDRESS with the same signed token in its subject, which SES receives and the
 * unsubscribe-email webhook applies. Null when no mailbox is configured (mail to an address nobody
 * receives would bounce while its sender believed they had left), or for a link that is not ours
 * (an API sender's own `one_click_unsubscribe_url`).
 */
export function listUnsubscribeMailto(unsubscribeUrl: string): string | null {
  const mailbox = config().UNSUBSCRIBE_EMAIL_ADDRESS;
  if (!mailbox || !unsubscribeUrl.startsWith(linkPrefix())) return null;
  const token = unsubscribeUrl.slice(linkPrefix().length);
  if (!readUnsubscribeToken(token)) return null;
  return `mailto:${mailbox}?subject=${encodeURIComponent(`${UNSUBSCRIBE_SUBJECT} ${token}`)}`;
}

/**
 * The token in the subject of an email to the unsubscribe mailbox, as listUnsubscribeMailto wrote it
 * ("unsubscribe <token>"), allowing for what mail programs add ("Re:", spacing, case); null when
 * there is none. Its signature is checked by whoever uses it.
 */
export function tokenInSubject(subject: string): string | null {
  const match = /(?:^|\s)unsubscribe\s+([\w-]+\.[\w-]+)\s*$/i.exec(subject.trim());
  return match?.[1] ?? null;
}
