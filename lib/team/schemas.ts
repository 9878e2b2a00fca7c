import "server-only";
import { z } from "zod";
import { Permission } from "@/lib/generated/prisma/enums";
import { emailAddressSchema } from "@/lib/users/schemas";

const isPermission = (value: string): value is Permission => Object.hasOwn(Permission, value);

/** Checkbox values from the console, as strings; duplicates collapse, anything unknown is refused. */
const permissionsSchema = z
  .array(z.string().refine(isPermission, "Choose permissions from the list"), {
    error: "Choose permissions from the list",
  })
  .transform((permissions) => [...new Set(permissions as Permission[])]);

export const invitationInputSchema = z.object({ email: emailAddressSchema, permissions: permissionsSchema });
export type InvitationInput = z.input<typeof invitationInputSchema>;

export const memberPermissionsInputSchema = z.object({ permissions: permissionsSchema });
export type MemberPermissionsInput = z.input<typeof memberPermissionsInputSchema>;
