import { db } from "@/lib/db";

export async function findUserByEmail(email: string): Promise<{ id: string; email: string; name: string } | null> {
  return db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, email: true, name: true } });
}
