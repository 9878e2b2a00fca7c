import "server-only";
import { config } from "@/lib/config";

/** An invitation lasts two days, as GOV.UK Notify's do. */
export const INVITATION_LIFETIME_MS = 2 * 24 * 3_600_000;

/** The page where the invited person accepts; the token in it is the only proof they were invited. */
export function invitationLink(token: string): string {
  return `${config().publicUrl}/invitation/${token}`;
}

export type InvitationState = "pending" | "expired" | "cancelled" | "accepted";

export function invitationStateOf(
  invitation: { acceptedAt: Date | null; cancelledAt: Date | null; expiresAt: Date },
  now: Date = new Date(),
): InvitationState {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.cancelledAt) return "cancelled";
  return invitation.expiresAt > now ? "pending" : "expired";
}
