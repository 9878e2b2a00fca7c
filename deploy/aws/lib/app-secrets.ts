import { RemovalPolicy } from "aws-cdk-lib/core";
import * as ecs from "aws-cdk-lib/aws-ecs";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";

/**
 * SECRET_KEY and METRICS_TOKEN, generated once into Secrets Manager and injected by ECS. Deleting
 * the stack keeps them: without SECRET_KEY stored API keys and callback tokens cannot be read.
 */
export class TidingsSecrets extends Construct {
  readonly secretKey: secretsmanager.Secret;
  readonly metricsToken: secretsmanager.Secret;

  private readonly rotating: boolean;

  /** `rotating`: also inject the key's previous version as SECRET_KEY_PREVIOUS (docs/deploy.md). */
  constructor(scope: Construct, id: string, options: { rotating: boolean }) {
    super(scope, id);
    this.rotating = options.rotating;
    const generated = (secretId: string, description: string) =>
      new secretsmanager.Secret(this, secretId, {
        description,
        generateSecretString: { passwordLength: 64, excludePunctuation: true },
        removalPolicy: RemovalPolicy.RETAIN,
      });
    this.secretKey = generated("SecretKey", "Tidings SECRET_KEY: keys for sessions and stored secrets derive from it");
    this.metricsToken = generated("MetricsToken", "Tidings METRICS_TOKEN: bearer token for GET /metrics");
  }

  secrets(): Record<string, ecs.Secret> {
    return {
      SECRET_KEY: ecs.Secret.fromSecretsManager(this.secretKey),
      METRICS_TOKEN: ecs.Secret.fromSecretsManager(this.metricsToken),
      // Secrets Manager keeps the value a put-secret-value replaced as AWSPREVIOUS; it exists only
      // after the first rotation, which is why this is a setting.
      ...(this.rotating && {
        SECRET_KEY_PREVIOUS: ecs.Secret.fromSecretsManagerVersion(this.secretKey, { versionStage: "AWSPREVIOUS" }),
      }),
    };
  }
}
