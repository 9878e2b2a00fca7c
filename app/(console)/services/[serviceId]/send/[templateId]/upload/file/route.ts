import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { isAppError } from "@/lib/errors";
import { securityHeaders } from "@/lib/http/security-headers";
import { serviceFormPostAccess } from "@/lib/http/service-route-access";
import { actorOf } from "@/lib/http/session";
import { uploadErrorToken, uploadRecipientFileForm } from "@/lib/recipient-files/form-upload";

const seeOther = (location: string) => new Response(null, { status: 303, headers: { Location: location } });

/** The proxy's headers, which it does not set here (proxy.ts). */
function secured(response: Response): Response {
  for (const [name, value] of Object.entries(securityHeaders())) response.headers.set(name, value);
  return response;
}

// POST /services/{id}/send/{templateId}/upload/file – the upload form without JavaScript, its file
// streamed to S3 as it arrives; then the file's check, or the form again with the error beside the field.
export async function POST(
  request: Request,
  { params }: { params: Promise<{ serviceId: string; templateId: string }> },
) {
  return secured(await receive(request, await params));
}

async function receive(request: Request, { serviceId, templateId }: { serviceId: string; templateId: string }) {
  const access = await serviceFormPostAccess(request, serviceId, "send_messages");
  if (!access.ok) return access.response;
  try {
    const fileId = await uploadRecipientFileForm({
      actor: actorOf(access.user),
      serviceId,
      templateId,
      contentType: request.headers.get("content-type"),
      body: request.body ? Readable.fromWeb(request.body as WebReadableStream<Uint8Array>) : Readable.from([]),
    });
    return seeOther(`/services/${serviceId}/uploads/${fileId}`);
  } catch (error) {
    if (isAppError(error, "not_found")) return new Response("Not found", { status: 404 });
    if (!isAppError(error)) throw error;
    const message = error.fieldErrors.file ?? error.message;
    return seeOther(`/services/${serviceId}/send/${templateId}/upload?error=${uploadErrorToken(message)}`);
  }
}
