"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => void signOut({ callbackUrl: "/sign-in" })}
      className="text-white underline underline-offset-2 hover:no-underline"
    >
      Sign out
    </button>
  );
}
