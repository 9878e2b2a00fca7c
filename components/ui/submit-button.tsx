"use client";

import { useFormStatus } from "react-dom";

export function SubmitButton({
  children,
  variant = "primary",
}: {
  children: React.ReactNode;
  variant?: "primary" | "secondary" | "warning";
}) {
  const { pending } = useFormStatus();
  const colours = {
    primary: "bg-success text-white hover:bg-[#005a30]",
    secondary: "bg-gray-200 text-ink hover:bg-gray-300",
    warning: "bg-error text-white hover:bg-[#aa2a16]",
  }[variant];
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      className={`px-4 py-2 text-lg font-bold shadow-[0_2px_0_#002d18] disabled:opacity-60 ${colours}`}
    >
      {pending ? "Please wait…" : children}
    </button>
  );
}
