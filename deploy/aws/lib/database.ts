import { Duration, RemovalPolicy } from "aws-cdk-lib/core";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as ecs from "aws-cdk-lib/aws-ecs";
import * as rds from "aws-cdk-lib/aws-rds";
import { Construct } from "constructs";

/** The PostgreSQL major version everywhere: RDS here, compose.yaml, and the image's pg_dump. */
export const POSTGRES_MAJOR_VERSION = 17;

/** Where the image keeps Amazon RDS's certificate authorities (see the Dockerfile). */
const RDS_CA_BUNDLE = "/etc/ssl/certs/rds-global-bundle.pem";

export type DatabaseProps = {
  vpc: ec2.IVpc;
  multiAz: boolean;
  instanceType: string;
  storageGiB: number;
  backupRetentionDays: number;
  retainData: boolean;
};

/** RDS PostgreSQL: encrypted, automated backups, credentials generated into Secrets Manager. */
export class TidingsDatabase extends Construct {
  readonly instance: rds.DatabaseInstance;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    this.instance = new rds.DatabaseInstance(this, "Instance", {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_17 }),
      instanceType: new ec2.InstanceType(props.instanceType),
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      databaseName: "tidings",
      credentials: rds.Credentials.fromGeneratedSecret("tidings"),
      multiAz: props.multiAz,
      storageEncrypted: true,
      storageType: rds.StorageType.GP3,
      allocatedStorage: props.storageGiB,
      maxAllocatedStorage: props.storageGiB * 4,
      backupRetention: Duration.days(props.backupRetentionDays),
      preferredBackupWindow: "01:00-01:30",
      preferredMaintenanceWindow: "sun:03:00-sun:04:00",
      copyTagsToSnapshot: true,
      autoMinorVersionUpgrade: true,
      cloudwatchLogsExports: ["postgresql"],
      deletionProtection: props.retainData,
      removalPolicy: props.retainData ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY,
    });
  }

  /** Lets a task's security group reach the database. */
  allowFrom(peer: ec2.IConnectable): void {
    this.instance.connections.allowDefaultPortFrom(peer);
  }

  /** Where the database is; the entry point turns these and the credentials into DATABASE_URL. */
  environment(): Record<string, string> {
    return {
      DATABASE_HOST: this.instance.dbInstanceEndpointAddress,
      DATABASE_PORT: this.instance.dbInstanceEndpointPort,
      DATABASE_NAME: "tidings",
      // RDS for PostgreSQL requires TLS; the certificate is checked against RDS's own authorities.
      DATABASE_URL_PARAMETERS: `sslmode=verify-full&sslrootcert=${RDS_CA_BUNDLE}`,
    };
  }

  /** The generated credentials, injected by ECS from Secrets Manager when a task starts. */
  secrets(): Record<string, ecs.Secret> {
    const secret = this.instance.secret!;
    return {
      DATABASE_USER: ecs.Secret.fromSecretsManager(secret, "username"),
      DATABASE_PASSWORD: ecs.Secret.fromSecretsManager(secret, "password"),
    };
  }
}
