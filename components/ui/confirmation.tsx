import Link from "next/link";
import { SubmitButton } from "./submit-button";

/**
 * Asks before a destructive action, GOV.UK style: a bordered panel with the question, what will
 * happen, a red button that runs `action`, and a link back.
 */
export function Confirmation({
  title,
  children,
  action,
  fields,
  confirmLabel,
  cancelHref,
}: {
  title: string;
  children: React.ReactNode;
  action: (formData: FormData) => Promise<void>;
  fields: Record<string, string>;
  confirmLabel: string;
  cancelHref: string;
}) {
  return (
    <div id="confirm" className="mb-6 border-4 border-error p-4">
      <h2 className="mb-2 text-xl font-bold">{title}</h2>
      <div className="mb-4 text-lg">{children}</div>
      <form action={action} className="flex items-center gap-4">
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <SubmitButton variant="warning">{confirmLabel}</SubmitButton>
        <Link href={cancelHref} className="text-lg">
          Cancel
        </Link>
      </form>
    </div>
  );
}
