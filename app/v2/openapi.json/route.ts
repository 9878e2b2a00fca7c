import { openApiDocument } from "@/lib/v2/openapi";
import { config } from "@/lib/config";

// GET /v2/openapi.json – the API's OpenAPI 3.1 description (public).
export function GET() {
  return Response.json(openApiDocument(config().publicUrl), { headers: { "Cache-Control": "public, max-age=300" } });
}
