import type { Metadata } from "next";
import { SIMULATED_RECIPIENTS } from "@/lib/recipients/simulated";

export const metadata: Metadata = { title: "Trial mode" };

export default function TrialModePage() {
  return (
    <article className="max-w-3xl text-lg">
      <h1 className="mb-6 text-4xl font-bold">Trial mode</h1>
      <p className="mb-4">
        Every new service starts in trial mode. While it is in trial mode it can only send messages to:
      </p>
      <ul className="mb-4 list-disc pl-6">
        <li>members of its team (their email addresses and mobile numbers)</li>
        <li>the email addresses and phone numbers on its guest list</li>
      </ul>
      <p className="mb-4">
        and only up to its daily limits. A platform administrator makes a service live when it is ready.
      </p>
      <h2 className="mb-4 mt-8 text-2xl font-bold">Testing without sending</h2>
      <p className="mb-4">
        A test API key sends to anyone without sending anything: the message is accepted and reported delivered. These
        recipients work with any key, and never receive anything:
      </p>
      <ul className="mb-4 list-disc pl-6">
        {[...SIMULATED_RECIPIENTS.email, ...SIMULATED_RECIPIENTS.sms].map((recipient) => (
          <li key={recipient}>
            <code>{recipient}</code>
          </li>
        ))}
      </ul>
      <p>
        Addresses and numbers with <code>temp-fail</code> or ending 003 report a temporary failure;{" "}
        <code>perm-fail</code> or ending 002 a permanent one.
      </p>
    </article>
  );
}
