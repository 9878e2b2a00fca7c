"use client";

import { useEffect, useRef } from "react";

/**
 * GOV.UK-style error summary: takes focus when it appears and links each error to its field.
 */
export function ErrorSummary({ errors }: { errors: Record<string, string> }) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors);
  useEffect(() => {
    if (entries.length > 0) ref.current?.focus();
  }, [entries.length, errors]);
  // GOV.UK's pattern: the page title says there is an error, so screen readers announce it first.
  useEffect(() => {
    const bare = document.title.replace(/^Error: /, "");
    document.title = entries.length > 0 ? `Error: ${bare}` : bare;
  }, [entries.length]);
  if (entries.length === 0) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby="error-summary-title"
      className="mb-8 border-4 border-error p-4"
    >
      <h2 id="error-summary-title" className="text-xl font-bold">
        There is a problem
      </h2>
      <ul className="mt-2 list-none space-y-1">
        {entries.map(([field, message]) => (
          <li key={field}>
            {field === "form" ? (
              <span className="font-bold text-error">{message}</span>
            ) : (
              <a href={`#${field}`} className="font-bold text-error">
                {message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
