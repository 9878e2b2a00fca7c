import { readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { libSourceFiles } from "./source-files";

const STATE_MACHINE = "lib/notifications/status-machine.ts";
// Columns only the state machine writes: the status and the provider's reference to the message.
const GUARDED_FIELDS = new Set(["status", "providerReference", "providerName"]);
const PRISMA_WRITES = new Set(["update", "updateMany", "updateManyAndReturn", "upsert"]);

type Write = { file: string; line: number; what: string };

/** Every place in lib/ that writes a notification's status or provider reference, or its timeline. */
function findStatusWrites(file: string): Write[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const writes: Write[] = [];
  const at = (node: ts.Node, what: string) =>
    writes.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, what });

  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const model = node.expression.expression;
      const modelName = ts.isPropertyAccessExpression(model) ? model.name.text : "";
      if (modelName === "notificationStatusChange") at(node, `notificationStatusChange.${method}`);
      if (modelName === "notification" && PRISMA_WRITES.has(method)) {
        const [argument] = node.arguments;
        const data =
          argument && ts.isObjectLiteralExpression(argument)
            ? argument.properties.find((property) => property.name?.getText(source) === "data")
            : undefined;
        const written =
          data && ts.isPropertyAssignment(data) && ts.isObjectLiteralExpression(data.initializer)
            ? data.initializer.properties.map((property) => property.name?.getText(source) ?? "...")
            : ["(not a literal: cannot tell what it writes)"];
        const guarded = written.filter((field) => GUARDED_FIELDS.has(field) || field.startsWith("("));
        if (guarded.length > 0) at(node, `notification.${method} writing ${guarded.join(", ")}`);
      }
    }
    if (ts.isTemplateExpression(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isStringLiteral(node)) {
      const text = node.getText(source);
      if (
        /UPDATE\s+notifications\b(?:(?!;)[\s\S])*?\bSET\b[\s\S]*?\b(status|provider_reference|provider_name)\s*=/i.test(
          text,
        )
      )
        at(node, "SQL UPDATE of notifications' status or provider reference");
      if (/INSERT\s+INTO\s+notification_status_changes\b/i.test(text))
        at(node, "SQL INSERT into notification_status_changes");
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return writes;
}

describe("the notification state machine has no side doors", () => {
  const writes = libSourceFiles().flatMap(findStatusWrites);

  it("finds the state machine's own writes (so the search itself works)", () => {
    const own = writes.filter((write) => write.file === STATE_MACHINE).map((write) => write.what);
    expect(own).toContain("SQL UPDATE of notifications' status or provider reference");
    expect(own).toContain("SQL INSERT into notification_status_changes");
    expect(own.some((what) => what.startsWith("notification.updateMany writing provider"))).toBe(true);
  });

  it("writes statuses, provider references and timeline rows only in the state machine", () => {
    const elsewhere = writes.filter((write) => write.file !== STATE_MACHINE);
    expect(elsewhere.map((write) => `${write.file}:${write.line} ${write.what}`)).toEqual([]);
  });
});
