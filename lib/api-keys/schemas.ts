import "server-only";
import { z } from "zod";

export const KEY_TYPES = ["normal", "team", "test"] as const;

export const KEY_TYPE_LABELS: Record<(typeof KEY_TYPES)[number], string> = {
  normal: "Live – sends to anyone",
  team: "Team and guest list – limits who you can send to",
  test: "Test – pretends to send messages",
};

export const createApiKeyInputSchema = z.object({
  name: z.string().trim().min(1, "Enter a name for this key").max(255, "Key name must be 255 characters or fewer"),
  keyType: z.enum(KEY_TYPES, { error: "Choose a type of key" }),
});
export type CreateApiKeyInput = z.input<typeof createApiKeyInputSchema>;
