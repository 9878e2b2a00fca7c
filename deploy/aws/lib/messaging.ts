import { Duration, Stack } from "aws-cdk-lib/core";
import * as iam from "aws-cdk-lib/aws-iam";
import * as route53 from "aws-cdk-lib/aws-route53";
import * as ses from "aws-cdk-lib/aws-ses";
import * as sesActions from "aws-cdk-lib/aws-ses-actions";
import * as smsvoice from "aws-cdk-lib/aws-smsvoice";
import * as sns from "aws-cdk-lib/aws-sns";
import { Construct, type IDependable } from "constructs";

/** The four webhooks Tidings serves for AWS's events, each fed by one topic. */
export const WEBHOOK_PATHS = {
  sesEvents: "/api/webhooks/ses",
  smsEvents: "/api/webhooks/sms",
  smsInbound: "/api/webhooks/inbound-sms",
  unsubscribeEmails: "/api/webhooks/unsubscribe-email",
} as const;

export type EventTopic = keyof typeof WEBHOOK_PATHS;

const EMAIL_EVENTS = [
  ses.EmailSendingEvent.SEND,
  ses.EmailSendingEvent.REJECT,
  ses.EmailSendingEvent.BOUNCE,
  ses.EmailSendingEvent.COMPLAINT,
  ses.EmailSendingEvent.DELIVERY,
  ses.EmailSendingEvent.DELIVERY_DELAY,
  ses.EmailSendingEvent.RENDERING_FAILURE,
  ses.EmailSendingEvent.SUBSCRIPTION,
];
// SES tracks opens and clicks only for messages whose configuration set publishes those events.
const TRACKING_EVENTS = [ses.EmailSendingEvent.OPEN, ses.EmailSendingEvent.CLICK];

/**
 * SES and End User Messaging SMS, set up to report every message's fate to Tidings: the sending
 * identity (DKIM), two SES configuration sets (plain, and one that tracks opens and clicks), the
 * SMS configuration set, the SNS topics their events and inbound texts are published to, and the
 * receipt rule that publishes emails to the unsubscribe mailbox (List-Unsubscribe's mailto) to its topic.
 */
export class TidingsMessaging extends Construct {
  readonly topics: Record<EventTopic, sns.Topic>;
  readonly emailIdentity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  readonly trackingConfigurationSet: ses.ConfigurationSet;
  readonly smsConfigurationSetName: string;
  readonly smsConfigurationSetArn: string;
  /** The mailbox campaign emails name in List-Unsubscribe's mailto (UNSUBSCRIBE_EMAIL_ADDRESS). */
  readonly unsubscribeAddress: string;
  readonly receiptRuleSet: ses.ReceiptRuleSet;

  constructor(scope: Construct, id: string, props: { emailDomain: string; hostedZone?: route53.IPublicHostedZone }) {
    super(scope, id);
    const stack = Stack.of(this);
    const topic = (topicId: string, displayName: string) =>
      new sns.Topic(this, topicId, { displayName, enforceSSL: true });
    this.topics = {
      sesEvents: topic("SesEvents", "Tidings email events"),
      smsEvents: topic("SmsEvents", "Tidings text message events"),
      smsInbound: topic("SmsInbound", "Tidings received text messages"),
      unsubscribeEmails: topic("UnsubscribeEmails", "Tidings received unsubscribe emails"),
    };

    // SES's own suppression list backs up Tidings'; TLS stays opportunistic (SES's default), as a
    // recipient's old mail server is no reason not to deliver a notification.
    const configurationSet = (setId: string, events: ses.EmailSendingEvent[]) => {
      const set = new ses.ConfigurationSet(this, setId, {
        reputationMetrics: true,
        suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      });
      set.addEventDestination("Events", { destination: ses.EventDestination.snsTopic(this.topics.sesEvents), events });
      return set;
    };
    this.configurationSet = configurationSet("EmailConfigurationSet", EMAIL_EVENTS);
    this.trackingConfigurationSet = configurationSet("TrackingConfigurationSet", [...EMAIL_EVENTS, ...TRACKING_EVENTS]);

    const mailFromDomain = `mail.${props.emailDomain}`;
    this.emailIdentity = new ses.EmailIdentity(this, "EmailIdentity", {
      identity: ses.Identity.domain(props.emailDomain),
      configurationSet: this.configurationSet,
      dkimSigning: true,
      mailFromDomain,
      feedbackForwarding: false,
    });
    // Emails to the unsubscribe mailbox go to its topic, content and all (SNS takes up to 150 KB;
    // a larger one bounces, and an unsubscribe request is a few lines); the webhook keeps only the
    // subject's token. SES receives only with an active rule set, which CloudFormation cannot
    // make active: docs/deploy.md step 4.
    this.unsubscribeAddress = `unsubscribe@${props.emailDomain}`;
    this.topics.unsubscribeEmails.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal("ses.amazonaws.com")],
        actions: ["sns:Publish"],
        resources: [this.topics.unsubscribeEmails.topicArn],
        conditions: { StringEquals: { "aws:SourceAccount": stack.account } },
      }),
    );
    this.receiptRuleSet = new ses.ReceiptRuleSet(this, "ReceiptRuleSet", {
      rules: [
        {
          recipients: [this.unsubscribeAddress],
          actions: [
            new sesActions.Sns({ topic: this.topics.unsubscribeEmails, encoding: sesActions.EmailEncoding.UTF8 }),
          ],
          scanEnabled: true,
        },
      ],
    });

    // Without a hosted zone the stack outputs the DKIM records to be added by hand (docs/deploy.md).
    if (props.hostedZone) this.publishEmailRecords(props.hostedZone, props.emailDomain, mailFromDomain);

    // A fixed name, so that the topic's policy can name the configuration set before it exists:
    // End User Messaging checks that it may publish when the event destination is created.
    this.smsConfigurationSetName = `${stack.stackName}-sms`;
    this.smsConfigurationSetArn = stack.formatArn({
      service: "sms-voice",
      resource: "configuration-set",
      resourceName: this.smsConfigurationSetName,
    });
    const smsPublish = this.topics.smsEvents.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal("sms-voice.amazonaws.com")],
        actions: ["sns:Publish"],
        resources: [this.topics.smsEvents.topicArn],
        conditions: {
          StringEquals: { "aws:SourceAccount": stack.account },
          ArnLike: { "aws:SourceArn": this.smsConfigurationSetArn },
        },
      }),
    );
    const smsConfigurationSet = new smsvoice.CfnConfigurationSet(this, "SmsConfigurationSet", {
      configurationSetName: this.smsConfigurationSetName,
      eventDestinations: [
        {
          eventDestinationName: "tidings-webhook",
          enabled: true,
          matchingEventTypes: ["TEXT_ALL"],
          snsDestination: { topicArn: this.topics.smsEvents.topicArn },
        },
      ],
    });
    if (smsPublish.policyDependable) smsConfigurationSet.node.addDependency(smsPublish.policyDependable);

    // Phone numbers' two-way channels publish received texts here (set per number: docs/deploy.md).
    this.topics.smsInbound.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal("sms-voice.amazonaws.com")],
        actions: ["sns:Publish"],
        resources: [this.topics.smsInbound.topicArn],
        conditions: { StringEquals: { "aws:SourceAccount": stack.account } },
      }),
    );
  }

  /**
   * The email domain's DKIM, MAIL FROM and receiving (MX) records, in the hosted zone. (SES's own
   * hosted-zone identity would verify the zone's apex, which need not be the email domain.)
   */
  private publishEmailRecords(zone: route53.IPublicHostedZone, emailDomain: string, mailFromDomain: string): void {
    this.emailIdentity.dkimRecords.forEach(
      (record, index) =>
        new route53.CfnRecordSet(this, `DkimRecord${index + 1}`, {
          hostedZoneId: zone.hostedZoneId,
          name: record.name,
          type: "CNAME",
          resourceRecords: [record.value],
          ttl: "1800",
        }),
    );
    new route53.MxRecord(this, "MailFromMx", {
      zone,
      recordName: mailFromDomain,
      values: [{ priority: 10, hostName: `feedback-smtp.${Stack.of(this).region}.amazonses.com` }],
    });
    new route53.TxtRecord(this, "MailFromSpf", {
      zone,
      recordName: mailFromDomain,
      values: ["v=spf1 include:amazonses.com ~all"],
    });
    // Mail to the email domain (the unsubscribe mailbox) is received by SES.
    new route53.MxRecord(this, "InboundMx", {
      zone,
      recordName: emailDomain,
      values: [{ priority: 10, hostName: `inbound-smtp.${Stack.of(this).region}.amazonaws.com` }],
    });
  }

  /**
   * Subscribes each webhook at `publicUrl` to its topic. SNS asks the webhook to confirm at once,
   * so the subscriptions wait for `webService` (Tidings confirms topics in SNS_ALLOWED_TOPIC_ARNS).
   */
  subscribeWebhooks(publicUrl: string, webService: IDependable): sns.Subscription[] {
    return (Object.keys(WEBHOOK_PATHS) as EventTopic[]).map((name) => {
      const subscription = new sns.Subscription(this, `${name}Webhook`, {
        topic: this.topics[name],
        protocol: sns.SubscriptionProtocol.HTTPS,
        endpoint: `${publicUrl}${WEBHOOK_PATHS[name]}`,
        // Longer than SNS's default of three tries in a minute, to ride out a deployment.
        deliveryPolicy: {
          healthyRetryPolicy: {
            minDelayTarget: Duration.seconds(5),
            maxDelayTarget: Duration.seconds(300),
            numRetries: 20,
            backoffFunction: sns.BackoffFunction.EXPONENTIAL,
          },
        },
      });
      subscription.node.addDependency(webService);
      return subscription;
    });
  }

  /** The task environment for SES, SMS and the webhooks. */
  environment(): Record<string, string> {
    return {
      EMAIL_PROVIDER: "ses",
      SMS_PROVIDER: "pinpoint",
      SES_CONFIGURATION_SET: this.configurationSet.configurationSetName,
      SES_TRACKING_CONFIGURATION_SET: this.trackingConfigurationSet.configurationSetName,
      SMS_CONFIGURATION_SET: this.smsConfigurationSetName,
      // Both sets publish every accepted send (Send, TEXT_ALL): a crash's lost sends are handed over again.
      SES_SEND_EVENTS: "true",
      SMS_TEXT_EVENTS: "true",
      SMS_INBOUND_TOPIC_ARN: this.topics.smsInbound.topicArn,
      UNSUBSCRIBE_EMAIL_ADDRESS: this.unsubscribeAddress,
      SNS_ALLOWED_TOPIC_ARNS: Object.values(this.topics)
        .map((topic) => topic.topicArn)
        .join(","),
    };
  }
}
