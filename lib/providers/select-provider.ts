import "server-only";
import { config } from "@/lib/config";
import type { KeyType } from "@/lib/generated/prisma/enums";
import { simulatedEmailProvider, simulatedSmsProvider } from "./simulated";
import type { EmailProvider, SmsProvider } from "./types";

type Resolvers = { email: () => Promise<EmailProvider>; sms: (kind: "pinpoint" | "sns") => Promise<SmsProvider> };

// Loaded on first use so that a deployment without AWS never loads the AWS SDK.
const real: Resolvers = {
  email: async () => (await import("./ses")).sesEmailProvider(),
  sms: async (kind) =>
    kind === "sns"
      ? (await import("./sns-sms")).snsSmsProvider()
      : (await import("./pinpoint-sms")).pinpointSmsProvider(),
};

/** Test keys and simulated recipients never reach a real provider, whatever is configured. */
export async function emailProviderFor(message: { keyType: KeyType; simulated: boolean }): Promise<EmailProvider> {
  if (message.keyType === "test" || message.simulated || config().emailProvider === "simulated")
    return simulatedEmailProvider;
  return real.email();
}

export async function smsProviderFor(message: { keyType: KeyType; simulated: boolean }): Promise<SmsProvider> {
  const configured = config().smsProvider;
  if (message.keyType === "test" || message.simulated || configured === "simulated") return simulatedSmsProvider;
  return real.sms(configured);
}
