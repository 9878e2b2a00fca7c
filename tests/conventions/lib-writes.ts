import { readFileSync } from "node:fs";
import ts from "typescript";
import { libSourceFiles } from "./source-files";

export type ExportedFunction = { file: string; name: string; takesActor: boolean };

/** Every function exported from lib/, and whether it takes the write convention's `{ actor, ... }`. */
export function exportedLibFunctions(): ExportedFunction[] {
  return libSourceFiles().flatMap((file) => {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    return source.statements.flatMap((statement) => {
      if (!ts.isFunctionDeclaration(statement) || !statement.name) return [];
      if (!statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) return [];
      const first = statement.parameters[0]?.name;
      const takesActor =
        first !== undefined &&
        ts.isObjectBindingPattern(first) &&
        first.elements.some((element) => element.name.getText(source) === "actor");
      return [{ file, name: statement.name.text, takesActor }];
    });
  });
}
