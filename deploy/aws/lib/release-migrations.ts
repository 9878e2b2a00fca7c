import path from "node:path";
import { CustomResource, Duration, Stack } from "aws-cdk-lib/core";
import type * as ec2 from "aws-cdk-lib/aws-ec2";
import type * as ecs from "aws-cdk-lib/aws-ecs";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as logs from "aws-cdk-lib/aws-logs";
import * as customResources from "aws-cdk-lib/custom-resources";
import { Construct } from "constructs";

export type ReleaseMigrationsProps = {
  cluster: ecs.ICluster;
  taskDefinition: ecs.FargateTaskDefinition;
  containerName: string;
  subnets: ec2.ISubnet[];
  securityGroup: ec2.ISecurityGroup;
};

/**
 * Runs the migration task, and waits for it to succeed, whenever its task definition changes
 * (a new image or new settings), before anything that depends on this construct is updated.
 * The migration runner takes an advisory lock and skips what is applied, so an extra run (a
 * rollback re-running the previous release) changes nothing.
 */
export class ReleaseMigrations extends Construct {
  readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: ReleaseMigrationsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const code = lambda.Code.fromAsset(path.join(import.meta.dirname, "../migration-runner"), {
      exclude: ["*.test.ts", "*.d.mts"],
    });
    const handler = (handlerId: string, name: string) =>
      new lambda.Function(this, handlerId, {
        runtime: lambda.Runtime.NODEJS_24_X,
        handler: `index.${name}`,
        code,
        timeout: Duration.minutes(1),
        logGroup: new logs.LogGroup(this, `${handlerId}Logs`, { retention: logs.RetentionDays.ONE_MONTH }),
      });
    const start = handler("Start", "onEvent");
    const check = handler("Check", "isComplete");

    start.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ["ecs:RunTask"],
        resources: [props.taskDefinition.taskDefinitionArn],
        conditions: { ArnEquals: { "ecs:cluster": props.cluster.clusterArn } },
      }),
    );
    const passedRoles = [props.taskDefinition.taskRole, props.taskDefinition.obtainExecutionRole()];
    start.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ["iam:PassRole"],
        resources: passedRoles.map((role) => role.roleArn),
        conditions: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
      }),
    );
    check.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ["ecs:DescribeTasks"],
        resources: [
          stack.formatArn({ service: "ecs", resource: "task", resourceName: `${props.cluster.clusterName}/*` }),
        ],
      }),
    );

    const provider = new customResources.Provider(this, "Provider", {
      onEventHandler: start,
      isCompleteHandler: check,
      queryInterval: Duration.seconds(15),
      totalTimeout: Duration.minutes(30),
    });
    this.resource = new CustomResource(this, "Run", {
      serviceToken: provider.serviceToken,
      resourceType: "Custom::TidingsReleaseMigrations",
      properties: {
        Cluster: props.cluster.clusterArn,
        TaskDefinition: props.taskDefinition.taskDefinitionArn,
        ContainerName: props.containerName,
        Subnets: props.subnets.map((subnet) => subnet.subnetId),
        SecurityGroups: [props.securityGroup.securityGroupId],
      },
    });
  }
}
