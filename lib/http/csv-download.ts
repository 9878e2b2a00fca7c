import "server-only";

/** A CSV file the browser saves as `fileName`: never cached, since it holds a service's data. */
export function csvDownload(body: BodyInit, fileName: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
