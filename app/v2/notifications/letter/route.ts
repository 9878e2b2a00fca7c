import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/v2/schemas";
import { v2Route } from "@/lib/v2/route";

// POST /v2/notifications/letter – Tidings sends no letters: the official clients' sendLetter and
// sendPrecompiledLetter get Notify's answer for a service without the letters permission.
export const POST = v2Route(
  {
    docs: {
      operationId: "sendLetter",
      summary: "Send a letter (not supported)",
      description: "Always answers 400 BadRequestError: Tidings sends email and text messages only.",
      response: { status: 201, description: "Never answered", schema: errorResponse },
    },
    sends: true,
  },
  async () => {
    throw new AppError("bad_request", "Service is not allowed to send letters");
  },
);
