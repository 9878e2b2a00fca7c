import { v2ErrorResponse } from "@/lib/v2/errors";

// Anything else under /v2 answers in the API's error format rather than with an HTML page.
const notFound = () =>
  v2ErrorResponse(404, [{ error: "NoResultFound", message: "The requested URL was not found on the server." }]);

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
