// A CloudFormation custom resource (provider framework) that runs the migration task once per
// release and waits for it: the ECS services are updated only after it succeeded, and a failed
// migration fails the deployment, which CloudFormation then rolls back. Runs on Lambda's Node.js,
// whose AWS SDK is built in; the ECS client is passed in so that tests can stand in for it.

const PHYSICAL_ID = "tidings-release-migrations";

/**
 * @param {{ runTask(input: object): Promise<any>, describeTasks(input: object): Promise<any> }} ecs
 */
export function migrationRunner(ecs) {
  return {
    /** Starts the task on Create and Update (every new task definition revision). */
    async onEvent(event) {
      if (event.RequestType === "Delete") return { PhysicalResourceId: event.PhysicalResourceId ?? PHYSICAL_ID };
      const { Cluster, TaskDefinition, Subnets, SecurityGroups } = event.ResourceProperties;
      const result = await ecs.runTask({
        cluster: Cluster,
        taskDefinition: TaskDefinition,
        launchType: "FARGATE",
        count: 1,
        startedBy: "tidings-release",
        networkConfiguration: {
          awsvpcConfiguration: { subnets: Subnets, securityGroups: SecurityGroups, assignPublicIp: "DISABLED" },
        },
      });
      const taskArn = result.tasks?.[0]?.taskArn;
      if (!taskArn) {
        const reasons = (result.failures ?? []).map((failure) => `${failure.arn ?? ""} ${failure.reason ?? ""}`.trim());
        throw new Error(`The migration task did not start: ${reasons.join("; ") || "no task was returned"}`);
      }
      return { PhysicalResourceId: PHYSICAL_ID, Data: { TaskArn: taskArn } };
    },

    /** Done when the task stopped; fails unless the migration container exited with 0. */
    async isComplete(event) {
      if (event.RequestType === "Delete") return { IsComplete: true };
      const { Cluster, ContainerName } = event.ResourceProperties;
      const taskArn = event.Data?.TaskArn;
      const { tasks = [] } = await ecs.describeTasks({ cluster: Cluster, tasks: [taskArn] });
      const task = tasks[0];
      if (!task) throw new Error(`The migration task ${taskArn} cannot be found`);
      if (task.lastStatus !== "STOPPED") return { IsComplete: false };
      const container = (task.containers ?? []).find((candidate) => candidate.name === ContainerName);
      if (container?.exitCode === 0) return { IsComplete: true, Data: { TaskArn: taskArn } };
      const why =
        container?.exitCode === undefined ? (task.stoppedReason ?? "it stopped") : `exit code ${container.exitCode}`;
      throw new Error(`Migrations failed (${why}); the task's log is in the migrate log stream of ${taskArn}`);
    },
  };
}

let runner;
const defaultRunner = async () => {
  if (!runner) {
    const { ECS } = await import("@aws-sdk/client-ecs");
    runner = migrationRunner(new ECS({}));
  }
  return runner;
};

export const onEvent = async (event) => (await defaultRunner()).onEvent(event);
export const isComplete = async (event) => (await defaultRunner()).isComplete(event);
