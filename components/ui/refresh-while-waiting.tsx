"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Refreshes the page every two seconds while something it shows is still under way (a check email, a campaign sending). */
export function RefreshWhileWaiting() {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), 2_000);
    return () => clearInterval(timer);
  }, [router]);
  return null;
}
