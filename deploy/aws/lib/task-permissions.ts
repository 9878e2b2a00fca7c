import { Stack } from "aws-cdk-lib/core";
import * as iam from "aws-cdk-lib/aws-iam";
import type { TidingsBuckets } from "./buckets";
import type { TidingsMessaging } from "./messaging";
import { QUEUE_AGE_METRIC } from "./alarms";

/**
 * What each task may do in AWS, and no more. The web app stores and reads files for the console
 * (presigned uploads, contact lists, branding); it confirms SNS subscriptions by visiting their
 * SubscribeURL, which needs no permission. The worker sends (SES, End User Messaging SMS), writes
 * snapshots and backups, and publishes the queue-age metric. The migration task needs nothing.
 */
export function grantWebPermissions(role: iam.IGrantable, buckets: TidingsBuckets): void {
  const { uploads, contactLists, branding } = buckets.byName;
  for (const bucket of [uploads, contactLists, branding]) bucket.grantReadWrite(role);
}

export function grantWorkerPermissions(
  role: iam.IGrantable,
  resources: { buckets: TidingsBuckets; messaging: TidingsMessaging },
): void {
  const { uploads, contactLists, snapshots, backups, branding } = resources.buckets.byName;
  for (const bucket of [uploads, contactLists]) {
    bucket.grantRead(role);
    bucket.grantDelete(role);
  }
  for (const bucket of [snapshots, backups]) bucket.grantReadWrite(role);
  branding.grantRead(role);

  const { messaging } = resources;
  const stack = Stack.of(messaging);
  const principal = role.grantPrincipal;
  // SES authorises a send against the identity and the configuration set it names.
  principal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: "SendEmail",
      actions: ["ses:SendEmail"],
      resources: [
        messaging.emailIdentity.emailIdentityArn,
        ...[messaging.configurationSet, messaging.trackingConfigurationSet].map((configurationSet) =>
          stack.formatArn({
            service: "ses",
            resource: "configuration-set",
            resourceName: configurationSet.configurationSetName,
          }),
        ),
      ],
    }),
  );
  // GetAccount (the account's send rate) has no resource to scope it to.
  principal.addToPrincipalPolicy(
    new iam.PolicyStatement({ sid: "ReadSendQuota", actions: ["ses:GetAccount"], resources: ["*"] }),
  );
  const smsResource = (resource: string) => stack.formatArn({ service: "sms-voice", resource, resourceName: "*" });
  principal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: "SendTextMessage",
      actions: ["sms-voice:SendTextMessage"],
      resources: [
        messaging.smsConfigurationSetArn,
        // The origination identities (numbers, pools, sender IDs) are requested after the stack
        // exists (docs/deploy.md), so they are scoped to this account and region.
        smsResource("phone-number"),
        smsResource("pool"),
        smsResource("sender-id"),
        smsResource("opt-out-list"),
      ],
    }),
  );
  // PutMetricData has no resource; the condition holds the worker to Tidings' own namespace.
  principal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: "PublishQueueMetrics",
      actions: ["cloudwatch:PutMetricData"],
      resources: ["*"],
      conditions: { StringEquals: { "cloudwatch:namespace": QUEUE_AGE_METRIC.namespace } },
    }),
  );
}
