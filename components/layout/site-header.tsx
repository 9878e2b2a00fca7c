import Link from "next/link";
import type { SessionUser } from "@/lib/auth/sessions";
import { SignOutButton } from "./sign-out-button";

export function SiteHeader({ user, signOut }: { user: SessionUser | null; signOut: () => Promise<void> }) {
  return (
    <header className="border-b-8 border-brand bg-ink text-white">
      <a href="#main-content" className="sr-only focus:not-sr-only focus:block focus:bg-focus focus:p-2 focus:text-ink">
        Skip to main content
      </a>
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-4 px-4 py-3">
        <Link
          href={user ? "/services" : "/sign-in"}
          className="text-2xl font-bold text-white no-underline hover:text-white"
        >
          Tidings
        </Link>
        <nav aria-label="Account" className="flex flex-wrap items-center gap-x-6 gap-y-2">
          <Link href="/docs/api" className="text-white hover:text-white">
            API documentation
          </Link>
          {user && (
            <>
              <Link href="/services" className="text-white hover:text-white">
                Your services
              </Link>
              {user.isPlatformAdmin && (
                <Link href="/admin" className="text-white hover:text-white">
                  Platform admin
                </Link>
              )}
              <Link href="/account" className="text-white hover:text-white">
                Your account<span className="sr-only"> ({user.name})</span>
              </Link>
              <SignOutButton signOut={signOut} />
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
