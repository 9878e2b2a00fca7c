// The AWS deployment, synthesised offline once and checked resource by resource.
import { existsSync } from "node:fs";
import path from "node:path";
import { Match, Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { unknownVariables } from "../known-variables";
import { WEBHOOK_PATHS } from "./lib/messaging";
import { POSTGRES_MAJOR_VERSION } from "./lib/database";
import { readDeploymentSettings } from "./lib/settings";
import { tidingsApp } from "./lib/tidings-app";
import { TidingsStack } from "./lib/tidings-stack";

const root = path.resolve(import.meta.dirname, "../..");
const settings = readDeploymentSettings({
  domainName: "notify.example.gov",
  certificateArn: "arn:aws:acm:eu-west-2:111122223333:certificate/example",
  image: "111122223333.dkr.ecr.eu-west-2.amazonaws.com/tidings:test",
  otelEndpoint: "https://otel.example.gov:4318",
  smsOriginationIdentity: "pool-0123456789abcdef",
});
const stack = new TidingsStack(tidingsApp(), "Tidings", settings);
const template = Template.fromStack(stack);

type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };
type ContainerDefinition = {
  Command: string[];
  User?: string;
  Environment: { Name: string; Value: unknown }[];
  Secrets: { Name: string; ValueFrom: unknown }[];
};

const resources = (type: string) => Object.entries(template.findResources(type) as Record<string, Resource>);
const logicalIdOf = (construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as Parameters<typeof stack.getLogicalId>[0]);
const containers = () =>
  resources("AWS::ECS::TaskDefinition").map(
    ([, resource]) => (resource.Properties.ContainerDefinitions as ContainerDefinition[])[0]!,
  );
const containerOf = (role: string) => containers().find((container) => container.Command[0] === role)!;
const environmentOf = (role: string) =>
  Object.fromEntries(containerOf(role).Environment.map((variable) => [variable.Name, variable.Value]));
const actionsOf = (statement: Statement) => [statement.Action].flat();

/** Every statement of every identity policy in the template: the tasks', the functions', the framework's. */
function identityStatements(): Statement[] {
  const fromPolicies = resources("AWS::IAM::Policy").flatMap(
    ([, policy]) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement,
  );
  const inline = resources("AWS::IAM::Role").flatMap(([, role]) =>
    ((role.Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[] | undefined) ?? []).flatMap(
      (policy) => policy.PolicyDocument.Statement,
    ),
  );
  return [...fromPolicies, ...inline];
}

describe("the AWS deployment", () => {
  it("keeps every bucket private, encrypted and reachable over TLS only", () => {
    const buckets = resources("AWS::S3::Bucket");
    expect(buckets).toHaveLength(5);
    for (const [, bucket] of buckets) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.BucketEncryption).toEqual({
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
      });
    }
    const policies = resources("AWS::S3::BucketPolicy");
    expect(policies).toHaveLength(5);
    for (const [, policy] of policies) {
      expect((policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement).toContainEqual(
        expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
      );
    }
  });

  it("gives each bucket to the tasks by name, and expires forgotten uploads after 90 days", () => {
    const environment = environmentOf("web");
    const bucketIds = Object.fromEntries(resources("AWS::S3::Bucket").map(([id, bucket]) => [id, bucket]));
    for (const name of ["UPLOADS", "CONTACT_LISTS", "SNAPSHOTS", "BACKUPS", "BRANDING"]) {
      const reference = environment[`S3_BUCKET_${name}`] as { Ref: string };
      expect(bucketIds[reference.Ref], name).toBeDefined();
    }
    const uploads = bucketIds[(environment.S3_BUCKET_UPLOADS as { Ref: string }).Ref]!;
    expect(uploads.Properties.LifecycleConfiguration).toEqual({
      Rules: expect.arrayContaining([expect.objectContaining({ ExpirationInDays: 90, Status: "Enabled" })]),
    });
  });

  it("grants no wildcard actions on SES, SNS or SMS, and scopes sending to Tidings' own resources", () => {
    const statements = identityStatements();
    const messagingActions = statements.flatMap(actionsOf).filter((action) => /^(ses|sns|sms-voice):/.test(action));
    expect(messagingActions.length).toBeGreaterThan(0);
    for (const action of statements.flatMap(actionsOf)) {
      expect(action, "no statement allows every action").not.toBe("*");
      if (/^(ses|sns|sms-voice):/.test(action)) expect(action).not.toContain("*");
    }
    const sending = statements.filter((statement) =>
      actionsOf(statement).some((action) => ["ses:SendEmail", "sms-voice:SendTextMessage"].includes(action)),
    );
    expect(sending).toHaveLength(2);
    for (const statement of sending) {
      expect([statement.Resource].flat()).not.toContain("*");
    }
  });

  it("lets only the worker send, and gives the migration task no permissions", () => {
    const taskPolicies = resources("AWS::IAM::Policy").filter(([id]) => /TaskTaskRole/.test(id));
    const byRole: Record<string, string[]> = Object.fromEntries(
      taskPolicies.map(([id, policy]) => [
        /Services(\w+?)TaskTaskRole/.exec(id)![1],
        (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement.flatMap(actionsOf),
      ]),
    );
    expect(Object.keys(byRole).sort()).toEqual(["web", "worker"]);
    expect(byRole.worker).toEqual(expect.arrayContaining(["ses:SendEmail", "sms-voice:SendTextMessage"]));
    expect(byRole.web!.filter((action) => !action.startsWith("s3:"))).toEqual([]);
  });

  it("subscribes every webhook to its topic over HTTPS, and lets the app accept those topics only", () => {
    const allowed = JSON.stringify(environmentOf("web").SNS_ALLOWED_TOPIC_ARNS);
    for (const [name, webhookPath] of Object.entries(WEBHOOK_PATHS)) {
      expect(existsSync(path.join(root, "app", webhookPath, "route.ts")), `${webhookPath} is served`).toBe(true);
      const topicId = logicalIdOf(stack.messaging.topics[name as keyof typeof WEBHOOK_PATHS]);
      template.hasResourceProperties("AWS::SNS::Subscription", {
        Protocol: "https",
        Endpoint: `https://notify.example.gov${webhookPath}`,
        TopicArn: { Ref: topicId },
      });
      expect(allowed).toContain(topicId);
    }
    // Subscribing asks the webhook to confirm at once: the web app must be running first.
    const webServiceId = logicalIdOf(stack.services.web.service);
    for (const [, subscription] of resources("AWS::SNS::Subscription").filter(
      ([, resource]) => resource.Properties.Protocol === "https",
    )) {
      expect(subscription.DependsOn).toContain(webServiceId);
    }
  });

  it("publishes SES events from a plain and a tracking configuration set, and SMS events, to their topics", () => {
    const sesTopic = { Ref: logicalIdOf(stack.messaging.topics.sesEvents) };
    const destinations = resources("AWS::SES::ConfigurationSetEventDestination").map(
      ([, resource]) =>
        resource.Properties.EventDestination as { MatchingEventTypes: string[]; SnsDestination: { TopicARN: unknown } },
    );
    expect(destinations).toHaveLength(2);
    for (const destination of destinations) {
      expect(destination.SnsDestination.TopicARN).toEqual(sesTopic);
      expect(destination.MatchingEventTypes).toEqual(expect.arrayContaining(["delivery", "bounce", "complaint"]));
    }
    const tracking = destinations.filter((destination) => destination.MatchingEventTypes.includes("open"));
    expect(tracking).toHaveLength(1);
    expect(tracking[0]!.MatchingEventTypes).toContain("click");

    template.hasResourceProperties("AWS::SMSVOICE::ConfigurationSet", {
      EventDestinations: [
        Match.objectLike({
          Enabled: true,
          MatchingEventTypes: ["TEXT_ALL"],
          SnsDestination: { TopicArn: { Ref: logicalIdOf(stack.messaging.topics.smsEvents) } },
        }),
      ],
    });
    template.hasResourceProperties("AWS::SNS::TopicPolicy", {
      Topics: [sesTopic],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: "ses.amazonaws.com" }, Action: "sns:Publish" }),
        ]),
      },
    });
    template.hasResourceProperties("AWS::SNS::TopicPolicy", {
      Topics: [{ Ref: logicalIdOf(stack.messaging.topics.smsEvents) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: "sms-voice.amazonaws.com" }, Action: "sns:Publish" }),
        ]),
      },
    });
    template.hasResourceProperties("AWS::SES::EmailIdentity", {
      EmailIdentity: "notify.example.gov",
      DkimAttributes: { SigningEnabled: true },
    });
  });

  it("receives emails to the unsubscribe mailbox it names to the app, and publishes them to that webhook's topic", () => {
    const topic = { Ref: logicalIdOf(stack.messaging.topics.unsubscribeEmails) };
    expect(environmentOf("web").UNSUBSCRIBE_EMAIL_ADDRESS).toBe("unsubscribe@notify.example.gov");
    expect(environmentOf("worker").UNSUBSCRIBE_EMAIL_ADDRESS).toBe("unsubscribe@notify.example.gov");
    template.hasResourceProperties("AWS::SES::ReceiptRule", {
      Rule: Match.objectLike({
        Enabled: true,
        Recipients: ["unsubscribe@notify.example.gov"],
        Actions: [{ SNSAction: { TopicArn: topic, Encoding: "UTF-8" } }],
      }),
    });
    template.hasResourceProperties("AWS::SNS::TopicPolicy", {
      Topics: [topic],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: "ses.amazonaws.com" }, Action: "sns:Publish" }),
        ]),
      },
    });
  });

  it("alarms on SES bounce and complaint rates, server errors and queue age", () => {
    const alarms = resources("AWS::CloudWatch::Alarm").map(([, alarm]) => JSON.stringify(alarm.Properties));
    expect(alarms).toHaveLength(4);
    for (const metric of [
      '"MetricName":"Reputation.BounceRate","Namespace":"AWS/SES"',
      '"MetricName":"Reputation.ComplaintRate","Namespace":"AWS/SES"',
      '"MetricName":"HTTPCode_Target_5XX_Count"',
      '"MetricName":"QueueOldestJobAgeSeconds","Namespace":"Tidings"',
    ]) {
      expect(
        alarms.filter((alarm) => alarm.includes(metric)),
        metric,
      ).toHaveLength(1);
    }
    const alarmTopic = logicalIdOf(stack.alarms.topic);
    for (const [, alarm] of resources("AWS::CloudWatch::Alarm")) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: alarmTopic }]);
    }
  });

  it("keeps the data in encrypted, backed-up, Multi-AZ PostgreSQL", () => {
    template.hasResourceProperties("AWS::RDS::DBInstance", {
      Engine: "postgres",
      EngineVersion: Match.stringLikeRegexp(`^${POSTGRES_MAJOR_VERSION}`),
      StorageEncrypted: true,
      MultiAZ: true,
      BackupRetentionPeriod: 14,
      DeletionProtection: true,
      PubliclyAccessible: false,
    });
  });

  it("runs the web app, the worker and migrations from one image as an unprivileged user", () => {
    expect(
      containers()
        .map((container) => container.Command)
        .sort(),
    ).toEqual([["migrate"], ["web"], ["worker"]]);
    for (const container of containers()) {
      expect(container.User, container.Command[0]).toBe("node");
      expect(JSON.stringify(container)).toContain("111122223333.dkr.ecr.eu-west-2.amazonaws.com/tidings:test");
    }
  });

  it("passes the previous SECRET_KEY to every task while a rotation is under way", () => {
    const rotating = new TidingsStack(
      tidingsApp(),
      "Rotating",
      readDeploymentSettings({ ...settings, secretKeyRotation: "true" }),
    );
    const definitions = Object.values(
      Template.fromStack(rotating).findResources("AWS::ECS::TaskDefinition"),
    ) as Resource[];
    for (const definition of definitions) {
      const [container] = definition.Properties.ContainerDefinitions as ContainerDefinition[];
      const previous = container!.Secrets.find((secret) => secret.Name === "SECRET_KEY_PREVIOUS");
      expect(JSON.stringify(previous?.ValueFrom)).toContain("AWSPREVIOUS");
    }
  }, 60_000);

  it("gives every task the app's settings, with secrets from Secrets Manager only", () => {
    for (const container of containers()) {
      const role = container.Command[0]!;
      const names = [...container.Environment, ...container.Secrets].map((variable) => variable.Name);
      expect(unknownVariables(names), role).toEqual([]);
      expect(container.Secrets.map((secret) => secret.Name).sort(), role).toEqual([
        "DATABASE_PASSWORD",
        "DATABASE_USER",
        "METRICS_TOKEN",
        "SECRET_KEY",
      ]);
      expect(JSON.stringify(container.Environment), role).not.toMatch(/SECRET_KEY|PASSWORD|METRICS_TOKEN/);
    }
    const worker = environmentOf("worker");
    for (const name of [
      "PUBLIC_URL",
      "EMAIL_DOMAIN",
      "AWS_REGION",
      "SES_CONFIGURATION_SET",
      "SES_TRACKING_CONFIGURATION_SET",
      "SMS_CONFIGURATION_SET",
      "SMS_INBOUND_TOPIC_ARN",
      "SNS_ALLOWED_TOPIC_ARNS",
      "WORKER_METRICS_PORT",
      "OTEL_EXPORTER_OTLP_ENDPOINT",
      "SMS_ORIGINATION_IDENTITY",
      "BACKUP_SCHEDULE",
      "DATABASE_HOST",
      "DATABASE_URL_PARAMETERS",
    ]) {
      expect(worker[name], name).toBeDefined();
    }
    expect(worker.PUBLIC_URL).toBe("https://notify.example.gov");
    expect(worker.REDIS_URL, "only when given").toBeUndefined();
    expect(worker.DATABASE_URL_PARAMETERS).toContain("sslmode=verify-full");
    expect(environmentOf("web").PORT).toBe("3000");
  });

  it("serves the web app over HTTPS with the given certificate, redirects HTTP, and checks /api/health", () => {
    template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", {
      Port: 443,
      Protocol: "HTTPS",
      Certificates: [{ CertificateArn: settings.certificateArn }],
    });
    template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", {
      Port: 80,
      DefaultActions: [Match.objectLike({ Type: "redirect", RedirectConfig: Match.objectLike({ Protocol: "HTTPS" }) })],
    });
    template.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", {
      HealthCheckPath: "/api/health",
      Port: 80,
    });
  });

  it("runs the migration task, and waits for it, before either service takes a new release", () => {
    const migrateTask = logicalIdOf(stack.services.taskDefinitions.migrate);
    const [[migrationsId, migrations]] = resources("Custom::TidingsReleaseMigrations") as [[string, Resource]];
    expect(migrations.Properties.TaskDefinition).toEqual({ Ref: migrateTask });
    for (const [, service] of resources("AWS::ECS::Service")) {
      expect(service.DependsOn).toContain(migrationsId);
    }
    expect(migrations.DependsOn).toEqual(
      expect.arrayContaining([logicalIdOf(stack.database.instance), expect.stringMatching(/^Network/)]),
    );
  });
});
