import { config } from "@/lib/config";
import { openApiDocument } from "@/lib/v2/openapi";
import { v2Routes } from "../routes";

// GET /v2/openapi.json – the API's OpenAPI 3.1 description (public).
export function GET() {
  return Response.json(openApiDocument(v2Routes, config().publicUrl), {
    headers: { "Cache-Control": "public, max-age=300" },
  });
}
