import { z } from "zod";
import { isAppError } from "@/lib/errors";
import { resubscribeByToken, unsubscribeByToken } from "@/lib/mailing-lists/change-subscription";

// POST /unsubscribe/{token} (proxy.ts sends it here): RFC 8058 one-click unsubscribe, which mail
// providers call with the body `List-Unsubscribe=One-Click`, and the confirmation page's buttons.
// The signed token is the permission: no session, no cookie, no page in between.
const form = z.object({
  "List-Unsubscribe": z.string().optional(),
  action: z.enum(["unsubscribe", "resubscribe"]).optional(),
});

export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const body = form.safeParse(Object.fromEntries(await readForm(request)));
  const fields = body.success ? body.data : {};
  const resubscribe = fields.action === "resubscribe";
  if (!resubscribe && fields.action !== "unsubscribe" && fields["List-Unsubscribe"] !== "One-Click")
    return new Response("Send List-Unsubscribe=One-Click to unsubscribe.", { status: 400 });
  try {
    await (resubscribe ? resubscribeByToken(token) : unsubscribeByToken(token));
  } catch (error) {
    if (isAppError(error, "not_found")) return new Response("This unsubscribe link is not valid.", { status: 404 });
    throw error;
  }
  // The page's own buttons come back to the page; a mail provider's one-click needs only the status.
  if (fields.action) {
    const done = resubscribe ? "resubscribed" : "unsubscribed";
    return new Response(null, { status: 303, headers: { location: `/unsubscribe/${token}?done=${done}` } });
  }
  return new Response("You have been unsubscribed.", { status: 200 });
}

async function readForm(request: Request): Promise<[string, string][]> {
  try {
    const data = await request.formData();
    return [...data.entries()].flatMap(([key, value]) => (typeof value === "string" ? [[key, value]] : []));
  } catch {
    return [];
  }
}
