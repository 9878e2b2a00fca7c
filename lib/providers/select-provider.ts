import "server-only";
import { config } from "@/lib/config";
import type { KeyType } from "@/lib/generated/prisma/enums";
import { simulatedEmailProvider, simulatedSmsProvider } from "./simulated";
import type { EmailProvider, SmsProvider } from "./types";

type Resolvers = { email: () => Promise<EmailProvider>; sms: (kind: "pinpoint" | "sns") => Promise<SmsProvider> };

// Loaded on first use so that a deployment without AWS never loads the AWS SDK, then kept: the
// worker asks for every message it sends.
let ses: Promise<EmailProvider> | undefined;
const sms = new Map<"pinpoint" | "sns", Promise<SmsProvider>>();
const real: Resolvers = {
  email: () => (ses ??= import("./ses").then((module) => module.sesEmailProvider())),
  sms: (kind) => {
    let provider = sms.get(kind);
    if (!provider) {
      provider =
        kind === "sns"
          ? import("./sns-sms").then((module) => module.snsSmsProvider())
          : import("./pinpoint-sms").then((module) => module.pinpointSmsProvider());
      sms.set(kind, provider);
    }
    return provider;
  },
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

/** A real provider by its name, for a sending thread told which one a batch goes to. */
export function realProviderNamed(name: string): Promise<EmailProvider | SmsProvider> {
  if (name === "ses") return real.email();
  if (name === "pinpoint" || name === "sns") return real.sms(name);
  throw new Error(`No provider is called ${name}`);
}
