import path from "node:path";
import { CfnOutput, Fn, Stack, type StackProps } from "aws-cdk-lib/core";
import * as acm from "aws-cdk-lib/aws-certificatemanager";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as ecrAssets from "aws-cdk-lib/aws-ecr-assets";
import * as ecs from "aws-cdk-lib/aws-ecs";
import * as route53 from "aws-cdk-lib/aws-route53";
import type { Construct } from "constructs";
import { TidingsAlarms } from "./alarms";
import { TidingsSecrets } from "./app-secrets";
import { TidingsBuckets } from "./buckets";
import { TidingsDatabase } from "./database";
import { TidingsMessaging } from "./messaging";
import { CONTAINER_NAME, TidingsServices } from "./services";
import type { DeploymentSettings } from "./settings";
import { grantWebPermissions, grantWorkerPermissions } from "./task-permissions";

/** The variables whose setting is given, without the others. */
const optional = (variables: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(variables).filter((entry): entry is [string, string] => entry[1] !== undefined));

const REPOSITORY_ROOT = path.resolve(import.meta.dirname, "../../..");

/** Everything one Tidings deployment needs in an AWS account and region. docs/deploy.md. */
export class TidingsStack extends Stack {
  readonly buckets: TidingsBuckets;
  readonly database: TidingsDatabase;
  readonly messaging: TidingsMessaging;
  readonly services: TidingsServices;
  readonly alarms: TidingsAlarms;

  constructor(scope: Construct, id: string, settings: DeploymentSettings, props: StackProps = {}) {
    super(scope, id, props);
    const publicUrl = `https://${settings.domainName}`;
    const emailDomain = settings.emailDomain ?? settings.domainName;
    const hostedZone =
      settings.hostedZoneId && settings.hostedZoneName
        ? route53.PublicHostedZone.fromPublicHostedZoneAttributes(this, "HostedZone", {
            hostedZoneId: settings.hostedZoneId,
            zoneName: settings.hostedZoneName,
          })
        : undefined;

    const vpc = new ec2.Vpc(this, "Network", {
      maxAzs: 2,
      natGateways: settings.natGateways,
      subnetConfiguration: [
        { name: "public", subnetType: ec2.SubnetType.PUBLIC },
        { name: "app", subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        { name: "database", subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      ],
      gatewayEndpoints: { S3: { service: ec2.GatewayVpcEndpointAwsService.S3 } },
    });

    this.buckets = new TidingsBuckets(this, "Buckets", { retainData: settings.retainData });
    this.database = new TidingsDatabase(this, "Database", {
      vpc,
      multiAz: settings.multiAz,
      instanceType: settings.databaseInstanceType,
      storageGiB: settings.databaseStorageGiB,
      backupRetentionDays: settings.databaseBackupRetentionDays,
      retainData: settings.retainData,
    });
    const secrets = new TidingsSecrets(this, "Secrets", { rotating: settings.secretKeyRotation });
    this.messaging = new TidingsMessaging(this, "Messaging", { emailDomain, hostedZone });

    this.services = new TidingsServices(this, "Services", {
      vpc,
      image: settings.image
        ? ecs.ContainerImage.fromRegistry(settings.image)
        : ecs.ContainerImage.fromAsset(REPOSITORY_ROOT, {
            file: "Dockerfile",
            target: "runtime",
            // The tasks run on x86-64 (services.ts), whatever machine builds the image.
            platform: ecrAssets.Platform.LINUX_AMD64,
          }),
      environment: {
        NODE_ENV: "production",
        PUBLIC_URL: publicUrl,
        EMAIL_DOMAIN: emailDomain,
        AWS_REGION: this.region,
        LOG_LEVEL: "info",
        BACKUP_SCHEDULE: settings.backupSchedule,
        ...optional({
          OTEL_EXPORTER_OTLP_ENDPOINT: settings.otelEndpoint,
          SMS_ORIGINATION_IDENTITY: settings.smsOriginationIdentity,
          REDIS_URL: settings.redisUrl,
        }),
        ...this.database.environment(),
        ...this.buckets.environment(),
        ...this.messaging.environment(),
      },
      secrets: { ...this.database.secrets(), ...secrets.secrets() },
      domainName: settings.domainName,
      certificate: acm.Certificate.fromCertificateArn(this, "Certificate", settings.certificateArn),
      hostedZone,
      web: { count: settings.webCount, cpu: settings.webCpu, memoryMiB: settings.webMemoryMiB },
      worker: { count: settings.workerCount, cpu: settings.workerCpu, memoryMiB: settings.workerMemoryMiB },
    });
    for (const peer of this.services.connectables()) this.database.allowFrom(peer);
    // The first migration run needs the database, a way in, and a route out to pull the image.
    this.services.migrations.node.addDependency(this.database, vpc);

    grantWebPermissions(this.services.taskDefinitions.web.taskRole, this.buckets);
    grantWorkerPermissions(this.services.taskDefinitions.worker.taskRole, {
      buckets: this.buckets,
      messaging: this.messaging,
    });

    this.messaging.subscribeWebhooks(publicUrl, this.services.web.service);
    this.alarms = new TidingsAlarms(this, "Alarms", {
      loadBalancer: this.services.web.loadBalancer,
      email: settings.alarmEmail,
    });

    this.outputs({ publicUrl, hostedZone, subnets: vpc.selectSubnets({ subnetGroupName: "app" }).subnetIds });
  }

  private outputs(context: { publicUrl: string; hostedZone?: route53.IHostedZone; subnets: string[] }): void {
    new CfnOutput(this, "PublicUrl", { value: context.publicUrl });
    new CfnOutput(this, "LoadBalancerDnsName", {
      value: this.services.web.loadBalancer.loadBalancerDnsName,
      description: context.hostedZone ? "The domain's alias record points here" : "Point the domain here (CNAME)",
    });
    if (!context.hostedZone) {
      this.messaging.emailIdentity.dkimRecords.forEach(
        (record, index) =>
          new CfnOutput(this, `DkimRecord${index + 1}`, {
            value: Fn.join(" ", [record.name, "CNAME", record.value]),
            description: "Add to the email domain's DNS for DKIM (docs/deploy.md)",
          }),
      );
    }
    // The one-off task for operator commands: append --overrides with a cli command (docs/deploy.md).
    const migrate = this.services.taskDefinitions.migrate;
    new CfnOutput(this, "RunTaskCommand", {
      value: Fn.join("", [
        "aws ecs run-task --launch-type FARGATE --cluster ",
        this.services.cluster.clusterName,
        " --task-definition ",
        migrate.taskDefinitionArn,
        " --network-configuration 'awsvpcConfiguration={subnets=[",
        Fn.join(",", context.subnets),
        "],securityGroups=[",
        this.services.migrationSecurityGroup.securityGroupId,
        "],assignPublicIp=DISABLED}'",
      ]),
      description: `Runs the migration task; add --overrides '{"containerOverrides":[{"name":"${CONTAINER_NAME}","command":["cli","…"]}]}' for a cli command`,
    });
    new CfnOutput(this, "LogGroupName", {
      value: this.services.logGroup.logGroupName,
      description: "Every task's log; streams start with web/, worker/ or migrate/",
    });
    new CfnOutput(this, "AlarmTopicArn", { value: this.alarms.topic.topicArn });
    new CfnOutput(this, "SmsInboundTopicArn", { value: this.messaging.topics.smsInbound.topicArn });
    new CfnOutput(this, "ReceiptRuleSetName", { value: this.messaging.receiptRuleSet.receiptRuleSetName });
  }
}
