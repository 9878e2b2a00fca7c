import { Duration, RemovalPolicy } from "aws-cdk-lib/core";
import * as s3 from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";

/**
 * Each bucket's variable, and how long S3 keeps an object that Tidings' own retention did not
 * delete first: the rules are a backstop, not the retention policy. Uploads are short-lived;
 * backups outlive the 8 weekly ones the backup job keeps; contact lists, snapshots (for analysts)
 * and branding stay until Tidings or a person deletes them.
 */
const BUCKETS = {
  uploads: { variable: "S3_BUCKET_UPLOADS", expireAfterDays: 90 },
  contactLists: { variable: "S3_BUCKET_CONTACT_LISTS", expireAfterDays: undefined },
  snapshots: { variable: "S3_BUCKET_SNAPSHOTS", expireAfterDays: undefined },
  backups: { variable: "S3_BUCKET_BACKUPS", expireAfterDays: 120 },
  branding: { variable: "S3_BUCKET_BRANDING", expireAfterDays: undefined },
} as const;

export type BucketName = keyof typeof BUCKETS;

/** Private, encrypted, TLS-only buckets for uploads, contact lists, snapshots, backups and branding. */
export class TidingsBuckets extends Construct {
  readonly byName: Record<BucketName, s3.Bucket>;

  constructor(scope: Construct, id: string, props: { retainData: boolean }) {
    super(scope, id);
    const removalPolicy = props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const bucket = (name: BucketName) => {
      const { expireAfterDays } = BUCKETS[name];
      // Overwritten or deleted backups and branding can be recovered for 30 days.
      const versioned = name === "backups" || name === "branding";
      return new s3.Bucket(this, name, {
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        encryption: s3.BucketEncryption.S3_MANAGED,
        enforceSSL: true,
        objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        versioned,
        removalPolicy,
        // Browsers PUT uploaded spreadsheets straight to the uploads bucket at presigned URLs (the URL is the permission).
        ...(name === "uploads"
          ? {
              cors: [
                { allowedMethods: [s3.HttpMethods.PUT], allowedOrigins: ["*"], allowedHeaders: ["*"], maxAge: 3600 },
              ],
            }
          : {}),
        lifecycleRules: [
          {
            id: "tidy-up",
            abortIncompleteMultipartUploadAfter: Duration.days(1),
            ...(versioned ? { noncurrentVersionExpiration: Duration.days(30) } : {}),
          },
          ...(expireAfterDays ? [{ id: "retention-backstop", expiration: Duration.days(expireAfterDays) }] : []),
        ],
      });
    };
    this.byName = {
      uploads: bucket("uploads"),
      contactLists: bucket("contactLists"),
      snapshots: bucket("snapshots"),
      backups: bucket("backups"),
      branding: bucket("branding"),
    };
  }

  /** The task environment: S3_BUCKET_UPLOADS and the rest, each the bucket's generated name. */
  environment(): Record<string, string> {
    return Object.fromEntries(
      (Object.keys(BUCKETS) as BucketName[]).map((name) => [BUCKETS[name].variable, this.byName[name].bucketName]),
    );
  }
}
