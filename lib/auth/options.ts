import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { config } from "@/lib/config";
import { deriveKey } from "@/lib/crypto/secrets";
import { endSession } from "./sessions";
import { CODE_NOT_SENT_ERROR, LOCKED_ERROR_PREFIX } from "./sign-in-errors";
import { signIn } from "./sign-in";

declare module "next-auth" {
  interface User {
    sessionId: string;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    sessionId?: string;
  }
}

function clientAddress(headers: Record<string, unknown> | undefined): string | null {
  const forwarded = headers?.["x-forwarded-for"];
  return typeof forwarded === "string" ? (forwarded.split(",")[0]?.trim() ?? null) : null;
}

/**
 * next-auth handles the cookie and CSRF; the session itself is our `sessions` row, whose id is the
 * only thing in the (encrypted) token. Signing out deletes the row.
 */
export function authOptions(): NextAuthOptions {
  const settings = config();
  // next-auth v4 reads its base URL from the environment only.
  process.env.NEXTAUTH_URL ??= settings.publicUrl;
  return {
    secret: deriveKey("next-auth").toString("hex"),
    session: { strategy: "jwt", maxAge: settings.SESSION_TTL_HOURS * 3600 },
    useSecureCookies: settings.COOKIE_SECURE || settings.publicUrl.startsWith("https://"),
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email address", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials, request) {
          if (!credentials?.email || !credentials.password) return null;
          const userAgent = request.headers?.["user-agent"];
          const result = await signIn({
            email: credentials.email,
            password: credentials.password,
            ipAddress: clientAddress(request.headers),
            userAgent: typeof userAgent === "string" ? userAgent : null,
          });
          if (result.outcome === "locked") throw new Error(`${LOCKED_ERROR_PREFIX}${result.lockedUntil.toISOString()}`);
          if (result.outcome === "code-not-sent") throw new Error(CODE_NOT_SENT_ERROR);
          if (result.outcome === "invalid") return null;
          return { id: result.userId, sessionId: result.sessionId };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.sessionId = user.sessionId;
        return token;
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.sessionId) await endSession(token.sessionId);
      },
    },
  };
}
