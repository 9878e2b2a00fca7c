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
  const properties = Object.entries(schema.properties ?? {});
  if (properties.length === 0) return null;
  return (
    <table className="mb-6 w-full border-collapse text-left">
      <caption className="mb-2 text-left font-bold">{caption}</caption>
      <thead>
        <tr className="border-b-2 border-ink">
          <th scope="col" className="py-2 pr-4">
            Field
          </th>
          <th scope="col" className="py-2 pr-4">
            Type
          </th>
          <th scope="col" className="py-2 pr-4">
            Required
          </th>
          <th scope="col" className="py-2">
            Description
          </th>
        </tr>
      </thead>
      <tbody>
        {properties.map(([name, property]) => (
          <tr key={name} className="border-b border-line align-top">
            <td className="py-2 pr-4">
              <code>{name}</code>
            </td>
            <td className="py-2 pr-4">{typeOf(property)}</td>
            <td className="py-2 pr-4">{schema.required?.includes(name) ? "Yes" : "No"}</td>
            <td className="py-2">{property.description ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export type { JsonSchema };
