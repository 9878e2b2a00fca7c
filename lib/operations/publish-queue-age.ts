import "server-only";
import { CloudWatchClient, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { config } from "@/lib/config";
import { oldestDueJobSeconds, queueFigures } from "./queue-figures";

let client: CloudWatchClient | undefined;

/**
 * Publishes the age of the oldest due job in any queue to CloudWatch (namespace Tidings,
 * QueueOldestJobAgeSeconds), which the CDK app's QueueAge alarm watches. Answers the age sent.
 */
export async function publishQueueAge(): Promise<number> {
  const seconds = oldestDueJobSeconds(await queueFigures());
  client ??= new CloudWatchClient({
    region: config().AWS_REGION,
    ...(config().AWS_ENDPOINT_URL_CLOUDWATCH ? { endpoint: config().AWS_ENDPOINT_URL_CLOUDWATCH } : {}),
  });
  await client.send(
    new PutMetricDataCommand({
      Namespace: "Tidings",
      MetricData: [{ MetricName: "QueueOldestJobAgeSeconds", Unit: "Seconds", Value: seconds }],
    }),
  );
  return seconds;
}
