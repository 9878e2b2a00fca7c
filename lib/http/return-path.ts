import "server-only";
/** Only same-site paths: a crafted link must not bounce a user to another site after signing in. */
export function safeReturnPath(value: string | string[] | undefined): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\")
    ? value
    : "/services";
}
