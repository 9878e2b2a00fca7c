import "server-only";
/** next-auth's session cookie: the `__Secure-` name when served over HTTPS. */
export const SESSION_COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];
