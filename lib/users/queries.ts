import "server-only";
import { db } from "@/lib/db";

export async function findUserByEmail(email: string): Promise<{ id: string; email: string; name: string } | null> {
  return db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, email: true, name: true },
  });
}

/** Where a person can be sent things: for "send yourself a test" and sign-in codes. */
export async function getUserContact(userId: string): Promise<{ email: string; mobileNumber: string | null }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, mobileNumber: true } });
  return user;
}
