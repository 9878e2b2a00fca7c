/**
 * A pure function of a text, remembered for the last few hundred texts: a bulk send applies the same
 * template (and reads the same column names) on every one of up to a million rows.
 */
export function rememberByText<Result>(compute: (text: string) => Result, size = 512): (text: string) => Result {
  const remembered = new Map<string, Result>();
  return (text) => {
    let result = remembered.get(text);
    if (result === undefined) {
      result = compute(text);
      // Forgetting everything at once keeps this simple; a working set is refilled in a few calls.
      if (remembered.size >= size) remembered.clear();
      remembered.set(text, result);
    }
    return result;
  };
}
