/**
 * GOV.UK Notify's placeholders: `((name))`, and optional content `((name??text))` shown when the
 * value is yes/true/1/… Names match whatever their case, spaces, hyphens and underscores.
 */
import { rememberByText } from "./remember-by-text";

const PLACEHOLDER = /\(\(([^()]+)\)\)/g;
const TRUTHY = new Set(["yes", "y", "true", "t", "1", "include", "show"]);

export type Personalisation = Record<string, unknown>;

export type Placeholder = { raw: string; name: string; key: string; conditionalText?: string };

/** The comparable form of a name: "First Name", "first_name" and "FIRST-NAME" are the same. */
export const placeholderKey = rememberByText((name: string): string => name.replace(/[\s_-]/g, "").toLowerCase());

/** A text split at its placeholders: `literals` has one more entry than `placeholders`, around them. */
type ParsedText = { literals: string[]; placeholders: Placeholder[] };

const parseText = rememberByText((text: string): ParsedText => {
  const literals: string[] = [];
  const placeholders: Placeholder[] = [];
  let end = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const [name = "", ...rest] = (match[1] ?? "").split("??");
    const trimmed = name.trim();
    literals.push(text.slice(end, match.index));
    placeholders.push({
      raw: match[0],
      name: trimmed,
      key: placeholderKey(trimmed),
      ...(rest.length > 0 ? { conditionalText: rest.join("??") } : {}),
    });
    end = match.index + match[0].length;
  }
  literals.push(text.slice(end));
  return { literals, placeholders };
});

export function findPlaceholders(text: string): Placeholder[] {
  return parseText(text).placeholders.map((placeholder) => ({ ...placeholder }));
}

/** Placeholder names in order of first appearance, one per key, as Notify lists them. */
export function placeholderNames(...texts: (string | null | undefined)[]): string[] {
  const seen = new Map<string, string>();
  for (const text of texts)
    for (const placeholder of parseText(text ?? "").placeholders)
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
  present: (value: unknown) => string,
): string {
  return fillPlaceholderValues(text, normalisePersonalisation(personalisation), present);
}

/** fillPlaceholders with the values already looked up by key (normalisePersonalisation), for several texts at once. */
export function fillPlaceholderValues(
  text: string,
  values: Map<string, unknown>,
  present: (value: unknown) => string,
): string {
  const { literals, placeholders } = parseText(text);
  let filled = literals[0]!;
  placeholders.forEach((placeholder, index) => {
    const value = values.get(placeholder.key);
    if (value === undefined || value === null) filled += placeholder.raw;
    else if (placeholder.conditionalText !== undefined) filled += isTruthy(value) ? placeholder.conditionalText : "";
    else filled += present(value);
    filled += literals[index + 1]!;
  });
  return filled;
}
