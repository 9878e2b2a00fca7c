/**
 * The paths whose route handlers the web server serves directly, not through Next.js: the public
 * API, the provider webhooks and the health check, which load balancers call every few seconds and
 * which through Next would also load Next's route pipeline and its own copy of lib into a process
 * that otherwise serves only the API.
 */
export const DIRECT_PREFIXES = ["/v2", "/api/webhooks", "/api/health"];
