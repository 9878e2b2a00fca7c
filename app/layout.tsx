import type { Metadata } from "next";
import { SiteHeader } from "@/components/layout/site-header";
import { getCurrentUser } from "@/lib/http/session";
import { signOutAction } from "./(auth)/sign-in/actions";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Tidings", template: "%s – Tidings" },
  description: "Send emails and text messages to the public",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  return (
    <html lang="en-GB">
      <body className="min-h-screen font-sans">
        <SiteHeader user={user} signOut={signOutAction} />
        <main id="main-content" className="mx-auto max-w-5xl px-4 py-8">
          {children}
        </main>
      </body>
    </html>
  );
}
