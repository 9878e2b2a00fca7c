// Types of index.mjs, which runs on Lambda as plain JavaScript.
type EcsClient = {
  runTask(input: object): Promise<{ tasks?: { taskArn?: string }[]; failures?: { arn?: string; reason?: string }[] }>;
  describeTasks(input: object): Promise<{
    tasks?: { lastStatus?: string; stoppedReason?: string; containers?: { name?: string; exitCode?: number }[] }[];
  }>;
};

export type CustomResourceEvent = {
  RequestType: "Create" | "Update" | "Delete";
  PhysicalResourceId?: string;
  ResourceProperties: Record<string, unknown>;
  Data?: Record<string, string>;
};

export function migrationRunner(ecs: EcsClient): {
  onEvent(event: CustomResourceEvent): Promise<{ PhysicalResourceId: string; Data?: Record<string, string> }>;
  isComplete(event: CustomResourceEvent): Promise<{ IsComplete: boolean; Data?: Record<string, string> }>;
};
export const onEvent: ReturnType<typeof migrationRunner>["onEvent"];
export const isComplete: ReturnType<typeof migrationRunner>["isComplete"];
