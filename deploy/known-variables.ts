// For the deployment tests: which environment variables Tidings reads, so that a misspelt name
// in compose.yaml or a task definition (which the app would silently ignore) fails a test.
import { configSchema } from "@/lib/config";

/** Read by deploy/docker/entrypoint.sh, which turns them into DATABASE_URL. */
const ENTRYPOINT_VARIABLES = [
  "DATABASE_HOST",
  "DATABASE_PORT",
  "DATABASE_NAME",
  "DATABASE_USER",
  "DATABASE_PASSWORD",
  "DATABASE_URL_PARAMETERS",
];

/** Read by the AWS SDK itself. */
const AWS_SDK_VARIABLES = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"];

const known = new Set([...Object.keys(configSchema.shape), ...ENTRYPOINT_VARIABLES, ...AWS_SDK_VARIABLES]);

/** The names in `names` that nothing in Tidings reads. */
export const unknownVariables = (names: Iterable<string>): string[] => [...names].filter((name) => !known.has(name));
