import { signToken } from "@/lib/api-keys/jwt";
import { parseApiKey } from "@/lib/api-keys/key-string";

/** The Authorization header the official clients send for an API key, fresh for each request. */
export function authorizationFor(apiKey: string): string {
  const { serviceId, secret } = parseApiKey(apiKey)!;
  return `Bearer ${signToken({ iss: serviceId, iat: Math.floor(Date.now() / 1000) }, secret)}`;
}
