// The CDK app: `npm run deploy:synth` (offline), or `npx cdk deploy` from deploy/aws (docs/deploy.md).
import { readDeploymentSettings } from "../lib/settings";
import { tidingsApp } from "../lib/tidings-app";
import { TidingsStack } from "../lib/tidings-stack";

const app = tidingsApp();
const stackName = (app.node.tryGetContext("stackName") as string | undefined) ?? "Tidings";
new TidingsStack(app, stackName, readDeploymentSettings(app.node.getAllContext()), {
  description: "Tidings: web app, worker, database, buckets, SES/SMS configuration and alarms",
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
app.synth();
