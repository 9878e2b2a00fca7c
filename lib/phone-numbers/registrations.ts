import "server-only";
import { DescribeRegistrationsCommand } from "@aws-sdk/client-pinpoint-sms-voice-v2";
import { callAws } from "./aws-client";

export type Registration = { id: string; type: string; status: string };

/** The account's registrations (DescribeRegistrations, every page), for linking a new number to one. */
export async function listRegistrations(): Promise<Registration[]> {
  const registrations: Registration[] = [];
  let nextToken: string | undefined;
  do {
    const page = await callAws((sms) => sms.send(new DescribeRegistrationsCommand({ NextToken: nextToken })));
    for (const entry of page.Registrations ?? [])
      registrations.push({
        id: entry.RegistrationId ?? "",
        type: entry.RegistrationType ?? "",
        status: entry.RegistrationStatus ?? "",
      });
    nextToken = page.NextToken;
  } while (nextToken);
  return registrations;
}
