import { pollPhoneNumberStatuses } from "@/lib/phone-numbers/poll-phone-numbers";
import { reconcileOptOutLists, syncOptedOutNumber } from "@/lib/phone-numbers/opt-out-lists";
import { count } from "@/lib/operations/describe-counts";
import { queues } from "@/lib/queue/queues";
import { defineJob } from "../define-job";

export const syncOptOutListJob = defineJob({
  queue: queues.syncOptOutList,
  handler: async ({ serviceId, number }, { log }) => {
    const change = await syncOptedOutNumber(serviceId, number);
    if (change !== "unchanged") log.info({ serviceId, change }, "updated the service's AWS opt-out list");
  },
});

export const reconcileOptOutListsJob = defineJob({
  queue: queues.reconcileOptOutLists,
  handler: async (_payload, { log }) => {
    const differences = await reconcileOptOutLists();
    log.info({ servicesWithDifferences: differences.length }, "reconciled opt-out lists with AWS");
    return differences.length
      ? `found differences from AWS's opt-out list for ${count(differences.length, "service")}`
      : "every opt-out list matches AWS's";
  },
});

export const pollPhoneNumbersJob = defineJob({
  queue: queues.pollPhoneNumbers,
  handler: async (_payload, { log }) => {
    const result = await pollPhoneNumberStatuses();
    if (result.changed) log.info(result, "phone number statuses updated from AWS");
    return `updated ${count(result.changed, "number or registration", "numbers or registrations")} from AWS`;
  },
});
