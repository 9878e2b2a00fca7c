"use client";

import { useState } from "react";

/** Copies `value` to the clipboard and says so, for keys and links shown only once. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    await navigator.clipboard.writeText(value);
    setCopied(true);
  }
  return (
    <>
      <button
        type="button"
        onClick={copy}
        className="bg-gray-200 px-4 py-2 text-lg font-bold text-ink shadow-[0_2px_0_#929191] hover:bg-gray-300"
      >
        {label}
      </button>
      <span role="status" className="ml-3 text-lg">
        {copied ? "Copied to clipboard" : ""}
      </span>
    </>
  );
}
