import { Duration } from "aws-cdk-lib/core";
import type * as acm from "aws-cdk-lib/aws-certificatemanager";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as ecs from "aws-cdk-lib/aws-ecs";
import * as ecsPatterns from "aws-cdk-lib/aws-ecs-patterns";
import * as elbv2 from "aws-cdk-lib/aws-elasticloadbalancingv2";
import * as logs from "aws-cdk-lib/aws-logs";
import type * as route53 from "aws-cdk-lib/aws-route53";
import { Construct } from "constructs";
import { ReleaseMigrations } from "./release-migrations";

/** The image's roles (deploy/docker/entrypoint.sh), one task definition each. */
export type Role = "web" | "worker" | "migrate";

export const CONTAINER_NAME = "tidings";
const WEB_PORT = 3000;
const WORKER_METRICS_PORT = 9464;
/** The image's unprivileged user (the Dockerfile's USER); set again here so that ECS enforces it. */
const APP_USER = "node";

export type ServicesProps = {
  vpc: ec2.IVpc;
  image: ecs.ContainerImage;
  /** Variables and secrets every role gets. */
  environment: Record<string, string>;
  secrets: Record<string, ecs.Secret>;
  domainName: string;
  certificate: acm.ICertificate;
  hostedZone?: route53.IHostedZone;
  web: { count: number; cpu: number; memoryMiB: number };
  worker: { count: number; cpu: number; memoryMiB: number };
};

/**
 * ECS on Fargate: the web app behind an HTTPS load balancer, the worker, and the migration task
 * that runs before either is updated to a new release.
 */
export class TidingsServices extends Construct {
  readonly cluster: ecs.Cluster;
  readonly taskDefinitions: Record<Role, ecs.FargateTaskDefinition>;
  readonly web: ecsPatterns.ApplicationLoadBalancedFargateService;
  readonly worker: ecs.FargateService;
  readonly migrations: ReleaseMigrations;
  readonly migrationSecurityGroup: ec2.SecurityGroup;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ServicesProps) {
    super(scope, id);
    this.cluster = new ecs.Cluster(this, "Cluster", {
      vpc: props.vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });
    const logGroup = new logs.LogGroup(this, "Logs", { retention: logs.RetentionDays.THREE_MONTHS });
    this.logGroup = logGroup;

    const taskDefinition = (role: Role, size: { cpu: number; memoryMiB: number }, extra: Record<string, string>) => {
      const definition = new ecs.FargateTaskDefinition(this, `${role}Task`, {
        cpu: size.cpu,
        memoryLimitMiB: size.memoryMiB,
        runtimePlatform: {
          operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
          cpuArchitecture: ecs.CpuArchitecture.X86_64,
        },
      });
      definition.addContainer(CONTAINER_NAME, {
        image: props.image,
        command: [role],
        user: APP_USER,
        environment: { ...props.environment, ...extra },
        secrets: props.secrets,
        logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: role }),
        portMappings: role === "web" ? [{ containerPort: WEB_PORT }] : [],
        // The worker lets running jobs finish on SIGTERM (WORKER_SHUTDOWN_TIMEOUT_SECONDS, 30 s).
        stopTimeout: role === "worker" ? Duration.seconds(45) : undefined,
      });
      return definition;
    };
    this.taskDefinitions = {
      web: taskDefinition("web", props.web, { PORT: String(WEB_PORT) }),
      worker: taskDefinition("worker", props.worker, {
        WORKER_METRICS_PORT: String(WORKER_METRICS_PORT),
        // The QueueAge alarm watches what the worker publishes.
        PUBLISH_QUEUE_AGE_METRIC: "true",
      }),
      migrate: taskDefinition("migrate", { cpu: 512, memoryMiB: 1024 }, {}),
    };

    const appSubnets = props.vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS });
    this.migrationSecurityGroup = new ec2.SecurityGroup(this, "MigrationSecurityGroup", { vpc: props.vpc });
    this.migrations = new ReleaseMigrations(this, "ReleaseMigrations", {
      cluster: this.cluster,
      taskDefinition: this.taskDefinitions.migrate,
      containerName: CONTAINER_NAME,
      subnets: appSubnets.subnets,
      securityGroup: this.migrationSecurityGroup,
    });

    this.web = new ecsPatterns.ApplicationLoadBalancedFargateService(this, "Web", {
      cluster: this.cluster,
      taskDefinition: this.taskDefinitions.web,
      desiredCount: props.web.count,
      taskSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      publicLoadBalancer: true,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificate: props.certificate,
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      redirectHTTP: true,
      ...(props.hostedZone ? { domainName: props.domainName, domainZone: props.hostedZone } : {}),
      circuitBreaker: { rollback: true },
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      healthCheckGracePeriod: Duration.seconds(60),
      // Longer than the ALB's idle timeout would be wasted: the server keeps connections 65 s.
      idleTimeout: Duration.seconds(60),
    });
    this.web.targetGroup.configureHealthCheck({
      path: "/api/health",
      healthyHttpCodes: "200",
      interval: Duration.seconds(15),
      healthyThresholdCount: 2,
      unhealthyThresholdCount: 3,
    });
    // The web server stops accepting within 10 s of SIGTERM.
    this.web.targetGroup.setAttribute("deregistration_delay.timeout_seconds", "20");
    this.web.loadBalancer.setAttribute("routing.http.drop_invalid_header_fields.enabled", "true");

    this.worker = new ecs.FargateService(this, "Worker", {
      cluster: this.cluster,
      taskDefinition: this.taskDefinitions.worker,
      desiredCount: props.worker.count,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      circuitBreaker: { rollback: true },
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
    });

    // A new release reaches the services only after its migrations succeeded. (The services'
    // resources alone: their security groups must exist first, for the database to let them in.)
    for (const service of [this.web.service, this.worker]) {
      service.node.defaultChild!.node.addDependency(this.migrations.resource);
    }
  }

  /** Every task's network identity, for the database to let in. */
  connectables(): ec2.IConnectable[] {
    return [this.web.service, this.worker, this.migrationSecurityGroup];
  }
}
