// `npm run cli -- phone-numbers …`: the number inventory for operators without the console.
import { randomUUID } from "node:crypto";
import { Command, Option } from "commander";
import { OPERATOR } from "@/lib/permissions";
import { assignPhoneNumber, unassignPhoneNumber } from "@/lib/phone-numbers/assign-phone-number";
import { listPhoneNumberInventory, type InventoryFilters } from "@/lib/phone-numbers/inventory";
import {
  monthlyPriceOf,
  needsRegistration,
  NUMBER_TYPES,
  type RequestableNumberType,
} from "@/lib/phone-numbers/options";
import { releasePhoneNumber } from "@/lib/phone-numbers/release-phone-number";
import { requestPhoneNumber } from "@/lib/phone-numbers/request-phone-number";

type Run = (task: () => Promise<void>) => Promise<void>;

const assignmentOption = () =>
  new Option("--as <use>", "what the service uses it for").choices(["sender", "inbound", "both"]).makeOptionMandatory();

/** The `phone-numbers` command and its subcommands; `run` sets up the local environment and reports errors. */
export function phoneNumbersCommand(run: Run): Command {
  const command = new Command("phone-numbers").description(
    "list, request, release, assign and unassign the AWS account's phone numbers (End User Messaging SMS)",
  );

  command
    .command("list")
    .description("list every number in the AWS account with the services that use it")
    .option("--status <status>", "only this status: PENDING, ACTIVE, ASSOCIATING, DISASSOCIATING, DELETED")
    .option("--country <code>", "only this country, like US")
    .option("--type <type>", "only this type: SIMULATOR, TOLL_FREE, TEN_DLC, LONG_CODE")
    .addOption(
      new Option("--assignment <use>", "only numbers in this use").choices(["sender", "inbound", "unassigned"]),
    )
    .action(
      (options: { status?: string; country?: string; type?: string; assignment?: InventoryFilters["assignment"] }) =>
        run(async () => {
          const numbers = await listPhoneNumberInventory({
            refresh: true,
            filters: {
              ...(options.status ? { status: options.status.toUpperCase() } : {}),
              ...(options.country ? { country: options.country.toUpperCase() } : {}),
              ...(options.type ? { numberType: options.type.toUpperCase() } : {}),
              ...(options.assignment ? { assignment: options.assignment } : {}),
            },
          });
          if (!numbers.length) return console.log("No phone numbers match.");
          for (const number of numbers) {
            const uses = [
              number.sender && `sending for ${number.sender.name}`,
              number.inbound && `receiving for ${number.inbound.name}`,
            ].filter(Boolean);
            console.log(
              [
                number.number,
                number.awsId,
                number.status,
                `${number.numberType} ${number.country}`,
                number.capabilities.join("+"),
                number.registrationId
                  ? `registration ${number.registrationId} ${number.registrationStatus ?? ""}`.trim()
                  : null,
                uses.length ? uses.join(", ") : "not in use",
              ]
                .filter(Boolean)
                .join("  "),
            );
          }
        }),
    );

  command
    .command("request")
    .description("request a new number from AWS (the price is shown; --yes requests it)")
    .addOption(
      new Option("--type <type>", "type of number")
        .choices(NUMBER_TYPES.map((type) => type.value))
        .default("SIMULATOR"),
    )
    .option("--country <code>", "ISO country code", "US")
    .option("--capabilities <list>", "comma-separated: SMS, VOICE, MMS", "SMS")
    .addOption(
      new Option("--message-type <type>", "kind of messages")
        .choices(["TRANSACTIONAL", "PROMOTIONAL"])
        .default("TRANSACTIONAL"),
    )
    .option("--registration <id>", "the registration a US toll-free or 10DLC number is for")
    .option("--opt-out-list <name>", "opt-out list (AWS's default list when omitted)")
    .option("--deletion-protection", "protect it from release until turned off", false)
    .option("--two-way", "send texts to it to SMS_INBOUND_TOPIC_ARN", false)
    .option("--yes", "request it (without, only the price and what is needed are shown)", false)
    .action(
      (options: {
        type: RequestableNumberType;
        country: string;
        capabilities: string;
        messageType: "TRANSACTIONAL" | "PROMOTIONAL";
        registration?: string;
        optOutList?: string;
        deletionProtection: boolean;
        twoWay: boolean;
        yes: boolean;
      }) =>
        run(async () => {
          const country = options.country.toUpperCase();
          const price = monthlyPriceOf(country, options.type);
          console.log(
            `A ${options.type} number in ${country}: ${price === null ? "price unknown to Tidings" : `$${price.toFixed(2)} a month`}, plus each message.`,
          );
          if (needsRegistration(country, options.type))
            console.log("It needs a registration (--registration), and sends once the registration is complete.");
          if (!options.yes) return console.log("Add --yes to request it.");
          const capabilities = options.capabilities
            .split(",")
            .map((capability) => capability.trim().toUpperCase())
            .filter(Boolean);
          const unknown = capabilities.filter((capability) => !["SMS", "VOICE", "MMS"].includes(capability));
          if (unknown.length) throw new Error(`Unknown capability ${unknown.join(", ")}: choose from SMS, VOICE, MMS`);
          const requested = await requestPhoneNumber({
            actor: OPERATOR,
            country,
            numberType: options.type,
            capabilities: capabilities as ("SMS" | "VOICE" | "MMS")[],
            messageType: options.messageType,
            deletionProtection: options.deletionProtection,
            twoWay: options.twoWay,
            clientToken: randomUUID(),
            ...(options.registration ? { registrationId: options.registration } : {}),
            ...(options.optOutList ? { optOutList: options.optOutList } : {}),
          });
          console.log(`Requested ${requested.number} (${requested.awsId}): ${requested.status.toLowerCase()}.`);
        }),
    );

  command
    .command("release")
    .description("give a number back to AWS (refused while a service uses it or deletion protection is on)")
    .requiredOption("--number <id>", "the number's AWS id (phone-…), as `list` shows")
    .action((options: { number: string }) =>
      run(async () => {
        const released = await releasePhoneNumber({ actor: OPERATOR, awsId: options.number });
        console.log(`Released ${released.number}.`);
      }),
    );

  command
    .command("assign")
    .description("give a service a number to send from, to receive texts on, or both")
    .requiredOption("--number <id>", "the number's AWS id (phone-…), as `list` shows")
    .requiredOption("--service <id>", "service id")
    .addOption(assignmentOption())
    .option("--default", "make it the service's default sender", false)
    .action((options: { number: string; service: string; as: "sender" | "inbound" | "both"; default: boolean }) =>
      run(async () => {
        await assignPhoneNumber({
          actor: OPERATOR,
          serviceId: options.service,
          awsId: options.number,
          asSender: options.as !== "inbound",
          asInbound: options.as !== "sender",
          makeDefault: options.default,
        });
        console.log(
          `The service now uses ${options.number} (${options.as === "both" ? "sender and inbound" : options.as}).`,
        );
      }),
    );

  command
    .command("unassign")
    .description("take a number back from a service (two-way goes back to what it was)")
    .requiredOption("--number <id>", "the number's AWS id (phone-…), as `list` shows")
    .requiredOption("--service <id>", "service id")
    .addOption(assignmentOption())
    .action((options: { number: string; service: string; as: "sender" | "inbound" | "both" }) =>
      run(async () => {
        await unassignPhoneNumber({
          actor: OPERATOR,
          serviceId: options.service,
          awsId: options.number,
          asSender: options.as !== "inbound",
          asInbound: options.as !== "sender",
        });
        console.log(
          `The service no longer uses ${options.number} (${options.as === "both" ? "sender and inbound" : options.as}).`,
        );
      }),
    );
  return command;
}
