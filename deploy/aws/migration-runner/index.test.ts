import { describe, expect, it } from "vitest";
import { migrationRunner, type CustomResourceEvent } from "./index.mjs";

const properties = {
  Cluster: "arn:aws:ecs:eu-west-2:111122223333:cluster/tidings",
  TaskDefinition: "arn:aws:ecs:eu-west-2:111122223333:task-definition/migrate:7",
  ContainerName: "tidings",
  Subnets: ["subnet-a", "subnet-b"],
  SecurityGroups: ["sg-1"],
};
const TASK = "arn:aws:ecs:eu-west-2:111122223333:task/tidings/abc";

type Task = { lastStatus?: string; stoppedReason?: string; containers?: { name?: string; exitCode?: number }[] };

function fakeEcs(options: { started?: boolean; task?: Task } = {}) {
  const calls: { runTask: object[]; describeTasks: object[] } = { runTask: [], describeTasks: [] };
  const ecs = {
    async runTask(input: object) {
      calls.runTask.push(input);
      return options.started === false
        ? { tasks: [], failures: [{ arn: properties.TaskDefinition, reason: "RESOURCE:MEMORY" }] }
        : { tasks: [{ taskArn: TASK }] };
    },
    async describeTasks(input: object) {
      calls.describeTasks.push(input);
      return { tasks: options.task ? [options.task] : [] };
    },
  };
  return { runner: migrationRunner(ecs), calls };
}

const event = (
  RequestType: CustomResourceEvent["RequestType"],
  Data?: Record<string, string>,
): CustomResourceEvent => ({
  RequestType,
  PhysicalResourceId: RequestType === "Create" ? undefined : "tidings-release-migrations",
  ResourceProperties: properties,
  Data,
});

describe("the release migration runner", () => {
  it.each(["Create", "Update"] as const)("starts the migration task on %s", async (type) => {
    const { runner, calls } = fakeEcs();
    const result = await runner.onEvent(event(type));
    expect(result).toEqual({ PhysicalResourceId: "tidings-release-migrations", Data: { TaskArn: TASK } });
    expect(calls.runTask).toEqual([
      expect.objectContaining({
        cluster: properties.Cluster,
        taskDefinition: properties.TaskDefinition,
        launchType: "FARGATE",
        networkConfiguration: {
          awsvpcConfiguration: {
            subnets: ["subnet-a", "subnet-b"],
            securityGroups: ["sg-1"],
            assignPublicIp: "DISABLED",
          },
        },
      }),
    ]);
  });

  it("fails the deployment when the task cannot start", async () => {
    const { runner } = fakeEcs({ started: false });
    await expect(runner.onEvent(event("Create"))).rejects.toThrow(/did not start: .*RESOURCE:MEMORY/);
  });

  it("does nothing when the stack is deleted", async () => {
    const { runner, calls } = fakeEcs();
    expect(await runner.onEvent(event("Delete"))).toEqual({ PhysicalResourceId: "tidings-release-migrations" });
    expect(await runner.isComplete(event("Delete"))).toEqual({ IsComplete: true });
    expect(calls).toEqual({ runTask: [], describeTasks: [] });
  });

  it("waits while the task runs", async () => {
    const { runner, calls } = fakeEcs({ task: { lastStatus: "RUNNING", containers: [{ name: "tidings" }] } });
    expect(await runner.isComplete(event("Update", { TaskArn: TASK }))).toEqual({ IsComplete: false });
    expect(calls.describeTasks).toEqual([{ cluster: properties.Cluster, tasks: [TASK] }]);
  });

  it("completes when the migrations exited with 0", async () => {
    const { runner } = fakeEcs({ task: { lastStatus: "STOPPED", containers: [{ name: "tidings", exitCode: 0 }] } });
    expect(await runner.isComplete(event("Update", { TaskArn: TASK }))).toEqual({
      IsComplete: true,
      Data: { TaskArn: TASK },
    });
  });

  it("fails the deployment when the migrations failed or never ran", async () => {
    const failed = fakeEcs({ task: { lastStatus: "STOPPED", containers: [{ name: "tidings", exitCode: 1 }] } });
    await expect(failed.runner.isComplete(event("Update", { TaskArn: TASK }))).rejects.toThrow(/exit code 1/);
    const neverRan = fakeEcs({
      task: { lastStatus: "STOPPED", stoppedReason: "CannotPullContainerError", containers: [{ name: "tidings" }] },
    });
    await expect(neverRan.runner.isComplete(event("Create", { TaskArn: TASK }))).rejects.toThrow(
      /CannotPullContainerError/,
    );
  });
});
