import { z } from "zod";
import { Permission } from "@/lib/generated/prisma/enums";
import { emailAddressSchema } from "@/lib/users/schemas";

/** Checkbox values from the console; duplicates collapse, anything unknown is refused. */
export const permissionsSchema = z
  .array(z.enum(Object.values(Permission), { error: "Choose permissions from the list" }))
  .transform((permissions) => [...new Set(permissions)]);

export const invitationInputSchema = z.object({ email: emailAddressSchema, permissions: permissionsSchema });
export type InvitationInput = z.input<typeof invitationInputSchema>;

export const memberPermissionsInputSchema = z.object({ permissions: permissionsSchema });
export type MemberPermissionsInput = z.input<typeof memberPermissionsInputSchema>;
