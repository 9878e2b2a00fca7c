import { InlineCode } from "./inline-code";
import { Table } from "@/components/ui/table";

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  enum?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  maxLength?: number;
  format?: string;
  $ref?: string;
};

function typeOf(schema: JsonSchema): string {
  if (schema.$ref) return schema.$ref.split("/").pop() ?? "object";
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(" or ");
  if (schema.enum) return `one of ${schema.enum.join(", ")}`;
  if (schema.type === "array") return `list of ${schema.items ? typeOf(schema.items) : "values"}`;
  const type = Array.isArray(schema.type) ? schema.type.join(" or ") : (schema.type ?? "any");
  return schema.format
    ? `${type} (${schema.format})`
    : schema.maxLength
      ? `${type}, at most ${schema.maxLength} characters`
      : type;
}

/** The fields of an object schema as a table: name, type, whether required, what it is. */
export function SchemaTable({ schema, caption }: { schema: JsonSchema; caption: string }) {
  // Scrolls by itself on a narrow screen rather than widening the page; focusable so a keyboard can scroll it.
  return (
    <div tabIndex={0} role="region" aria-label={caption} className="mb-6 overflow-x-auto">
      <Table
        caption={caption}
        rows={Object.entries(schema.properties ?? {})}
        rowKey={([name]) => name}
        empty={null}
        columns={[
          { header: "Field", cell: ([name]) => <code>{name}</code>, className: "break-all" },
          { header: "Type", cell: ([, property]) => typeOf(property) },
          { header: "Required", cell: ([name]) => (schema.required?.includes(name) ? "Yes" : "No") },
          { header: "Description", cell: ([, property]) => <InlineCode text={property.description ?? ""} /> },
        ]}
      />
    </div>
  );
}

export type { JsonSchema };
