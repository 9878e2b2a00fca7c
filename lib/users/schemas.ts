import "server-only";
import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";

export const emailAddressSchema = z
  .string()
  .trim()
  .min(1, "Enter an email address")
  .max(320, "Email address must be 320 characters or fewer")
  .pipe(z.email("Enter an email address in the correct format, like name@example.com"))
  .transform((email) => email.toLowerCase());

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Password must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1024, "Password must be 1,024 characters or fewer");

/** In the order of the forms' fields (name, email, password): error summaries list problems in this order. */
export const createUserInputSchema = z.object({
  name: z.string().trim().min(1, "Enter a name").max(255, "Name must be 255 characters or fewer"),
  email: emailAddressSchema,
  password: passwordSchema,
  isPlatformAdmin: z.boolean().default(false),
});

export type CreateUserInput = z.input<typeof createUserInputSchema>;
