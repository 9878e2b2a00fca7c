/**
 * GOV.UK Notify's placeholders: `((name))`, and optional content `((name??text))` shown when the
 * value is yes/true/1/… Names match whatever their case, spaces, hyphens and underscores.
 */
const PLACEHOLDER = /\(\(([^()]+)\)\)/g;
const TRUTHY = new Set(["yes", "y", "true", "t", "1", "include", "show"]);

export type Personalisation = Record<string, unknown>;

export type Placeholder = { raw: string; name: string; key: string; conditionalText?: string };

/** The comparable form of a name: "First Name", "first_name" and "FIRST-NAME" are the same. */
function placeholderKey(name: string): string {
  return name.replace(/[\s_-]/g, "").toLowerCase();
}

export function findPlaceholders(text: string): Placeholder[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => {
    const inner = match[1] ?? "";
    const [name, ...rest] = inner.split("??");
    const trimmed = (name ?? "").trim();
    return {
      raw: match[0],
      name: trimmed,
      key: placeholderKey(trimmed),
      ...(rest.length > 0 ? { conditionalText: rest.join("??") } : {}),
    };
  });
}

/** Placeholder names in order of first appearance, one per key, as Notify lists them. */
export function placeholderNames(...texts: (string | null | undefined)[]): string[] {
  const seen = new Map<string, string>();
  for (const text of texts)
    for (const placeholder of findPlaceholders(text ?? ""))
      if (!seen.has(placeholder.key)) seen.set(placeholder.key, placeholder.name);
  return [...seen.values()];
}

/** Looks values up by key, so callers can send `First name` for `((first_name))`. */
export function normalisePersonalisation(personalisation: Personalisation | null | undefined): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const [name, value] of Object.entries(personalisation ?? {})) values.set(placeholderKey(name), value);
  return values;
}

/** Names (as written in the template) that have no value. Optional-content placeholders need one too. */
export function missingPersonalisation(
  texts: (string | null | undefined)[],
  personalisation: Personalisation | null | undefined,
): string[] {
  const values = normalisePersonalisation(personalisation);
  return placeholderNames(...texts).filter((name) => {
    const value = values.get(placeholderKey(name));
    return value === undefined || value === null;
  });
}

function isTruthy(value: unknown): boolean {
  return TRUTHY.has(String(value).trim().toLowerCase());
}

/** How a value reads in the message: lists are joined, everything else is its string form. */
export function valueAsText(value: unknown): string {
  if (Array.isArray(value)) return value.map(valueAsText).join(", ");
  if (value === null || value === undefined) return "";
  return String(value);
}

/**
 * Replaces every placeholder. `present` turns a found value into output text; a placeholder without
 * a value is kept as written (previews show it highlighted; sending refuses it earlier).
 */
export function fillPlaceholders(
  text: string,
  personalisation: Personalisation | null | undefined,
  present: (value: unknown, placeholder: Placeholder) => string,
): string {
  const values = normalisePersonalisation(personalisation);
  return text.replace(PLACEHOLDER, (raw, inner: string) => {
    const [name = "", ...rest] = inner.split("??");
    const placeholder: Placeholder = {
      raw,
      name: name.trim(),
      key: placeholderKey(name),
      ...(rest.length ? { conditionalText: rest.join("??") } : {}),
    };
    const value = values.get(placeholder.key);
    if (value === undefined || value === null) return raw;
    if (placeholder.conditionalText !== undefined) return isTruthy(value) ? placeholder.conditionalText : "";
    return present(value, placeholder);
  });
}
