import { readFileSync } from "node:fs";
import ts from "typescript";
import { libSourceFiles } from "./source-files";

export type ExportedFunction = { file: string; name: string; takesActor: boolean };

/**
 * Every function exported from lib/, and whether it takes the write convention's `{ actor, ... }`
 * (an `actor` in its options, or options typed ServiceWrite, PlatformWrite or AccountWrite).
 */
export function exportedLibFunctions(): ExportedFunction[] {
  return libSourceFiles().flatMap((file) => {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    return source.statements.flatMap((statement) => {
      if (!ts.isFunctionDeclaration(statement) || !statement.name) return [];
      if (!statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) return [];
      const first = statement.parameters[0];
      const takesActor =
        first !== undefined &&
        ((ts.isObjectBindingPattern(first.name) &&
          first.name.elements.some((element) => element.name.getText(source) === "actor")) ||
          /^(Service|Platform|Account)Write\b/.test(first.type?.getText(source) ?? ""));
      return [{ file, name: statement.name.text, takesActor }];
    });
  });
}
