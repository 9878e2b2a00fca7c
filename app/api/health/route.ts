import { checkHealth } from "@/lib/health/check-health";

export const dynamic = "force-dynamic";

// GET /api/health – 200 while the database answers (worker silence shows as "degraded"), else 503.
export async function GET() {
  const report = await checkHealth();
  return Response.json(report, {
    status: report.status === "unavailable" ? 503 : 200,
    headers: { "Cache-Control": "no-store" },
  });
}
