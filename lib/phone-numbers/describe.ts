import "server-only";
import {
  DescribePhoneNumbersCommand,
  type PhoneNumberFilter,
  type PhoneNumberInformation,
} from "@aws-sdk/client-pinpoint-sms-voice-v2";
import { AppError } from "@/lib/errors";
import { callAws } from "./aws-client";

/** Every number of the AWS account, or those asked for (every page of DescribePhoneNumbers), optionally filtered by AWS. */
export async function describeAllPhoneNumbers(
  options: { ids?: string[]; filters?: PhoneNumberFilter[] } = {},
): Promise<PhoneNumberInformation[]> {
  const numbers: PhoneNumberInformation[] = [];
  let nextToken: string | undefined;
  do {
    const page = await callAws((sms) =>
      sms.send(
        new DescribePhoneNumbersCommand({
          ...(options.ids ? { PhoneNumberIds: options.ids } : {}),
          ...(options.filters?.length ? { Filters: options.filters } : {}),
          NextToken: nextToken,
        }),
      ),
    );
    numbers.push(...(page.PhoneNumbers ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  return numbers;
}

/** One number as AWS sees it now. */
export async function describePhoneNumber(awsId: string): Promise<PhoneNumberInformation> {
  const answer = await callAws((sms) => sms.send(new DescribePhoneNumbersCommand({ PhoneNumberIds: [awsId] })));
  const number = answer.PhoneNumbers?.[0];
  if (!number) throw new AppError("not_found", `AWS has no phone number ${awsId}`);
  return number;
}

/** What Tidings keeps of a number's AWS state (the phone_numbers row's AWS fields). */
export function storedFields(number: Partial<PhoneNumberInformation>) {
  return {
    number: number.PhoneNumber ?? "",
    isoCountryCode: number.IsoCountryCode ?? "",
    numberType: number.NumberType ?? "",
    messageType: number.MessageType ?? "",
    capabilities: number.NumberCapabilities ?? [],
    internationalSending: Boolean(number.InternationalSendingEnabled),
    status: number.Status ?? "PENDING",
    registrationId: number.RegistrationId ?? null,
  };
}
