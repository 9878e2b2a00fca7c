import { Duration } from "aws-cdk-lib/core";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as actions from "aws-cdk-lib/aws-cloudwatch-actions";
import * as elbv2 from "aws-cdk-lib/aws-elasticloadbalancingv2";
import * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct } from "constructs";

/**
 * The age in seconds of the oldest job waiting in any of the worker's queues, which the worker
 * publishes every minute (namespace Tidings, no dimensions, unit Seconds). docs/deploy.md.
 */
export const QUEUE_AGE_METRIC = { namespace: "Tidings", metricName: "QueueOldestJobAgeSeconds" } as const;

/** Thresholds: AWS reviews accounts at 5% bounces and 0.1% complaints (its metrics are fractions). */
const SES_BOUNCE_RATE = 0.05;
const SES_COMPLAINT_RATE = 0.001;
const QUEUE_AGE_SECONDS = 300;
const SERVER_ERRORS_PER_5_MINUTES = 10;

/** CloudWatch alarms on sending reputation, server errors and queue age, sent to one topic. */
export class TidingsAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: { loadBalancer: elbv2.ApplicationLoadBalancer; email?: string }) {
    super(scope, id);
    this.topic = new sns.Topic(this, "Topic", { displayName: "Tidings alarms", enforceSSL: true });
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));

    const sesReputation = (metricName: string) =>
      new cloudwatch.Metric({ namespace: "AWS/SES", metricName, statistic: "Maximum", period: Duration.minutes(15) });
    const { loadBalancer } = props;
    const serverErrors = new cloudwatch.MathExpression({
      label: "5xx answers (targets and load balancer)",
      expression: "FILL(targets, 0) + FILL(balancer, 0)",
      period: Duration.minutes(5),
      usingMetrics: {
        targets: loadBalancer.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { statistic: "Sum" }),
        balancer: loadBalancer.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, { statistic: "Sum" }),
      },
    });

    this.alarms = [
      new cloudwatch.Alarm(this, "SesBounceRate", {
        alarmDescription: "SES bounce rate reached 5%: AWS reviews the account from here and pauses it at 10%.",
        metric: sesReputation("Reputation.BounceRate"),
        threshold: SES_BOUNCE_RATE,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(this, "SesComplaintRate", {
        alarmDescription: "SES complaint rate reached 0.1%: AWS reviews the account from here and pauses it at 0.5%.",
        metric: sesReputation("Reputation.ComplaintRate"),
        threshold: SES_COMPLAINT_RATE,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(this, "ServerErrors", {
        alarmDescription: "The web app or its load balancer answered with 5xx errors.",
        metric: serverErrors,
        threshold: SERVER_ERRORS_PER_5_MINUTES,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(this, "QueueAge", {
        alarmDescription:
          "A job has waited more than 5 minutes in the worker's queues: the workers are behind or down.",
        metric: new cloudwatch.Metric({
          ...QUEUE_AGE_METRIC,
          statistic: "Maximum",
          period: Duration.minutes(1),
          unit: cloudwatch.Unit.SECONDS,
        }),
        threshold: QUEUE_AGE_SECONDS,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 5,
        datapointsToAlarm: 5,
        // No figures at all means no worker is publishing: that shows as "insufficient data".
        treatMissingData: cloudwatch.TreatMissingData.MISSING,
      }),
    ];
    for (const alarm of this.alarms) {
      alarm.addAlarmAction(new actions.SnsAction(this.topic));
      alarm.addOkAction(new actions.SnsAction(this.topic));
    }
  }
}
