import { S3_STAND_IN_CREDENTIALS } from "../../scripts/stand-ins/s3";
/** Points the real AWS SDK clients at local stand-ins: a region and credentials that sign nothing real. */
const STAND_IN_AWS = {
  AWS_REGION: "eu-west-2",
  // The key pair the S3 stand-in knows; the SES and SMS stand-ins check none.
  AWS_ACCESS_KEY_ID: S3_STAND_IN_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: S3_STAND_IN_CREDENTIALS.secretAccessKey,
};

/** Settings that send email through SES to the given stand-in. */
export const sesStandInSettings = (ses: { url: string }) => ({
  ...STAND_IN_AWS,
  EMAIL_PROVIDER: "ses",
  AWS_ENDPOINT_URL_SES: ses.url,
});

/** Settings that send text messages, through either SMS provider, to the given stand-in. */
export const smsStandInSettings = (sms: { url: string }) => ({
  ...STAND_IN_AWS,
  AWS_ENDPOINT_URL_SMS: sms.url,
  AWS_ENDPOINT_URL_SNS: sms.url,
});
