/** Points the real AWS SDK clients at local stand-ins: a region and credentials that sign nothing real. */
const STAND_IN_AWS = {
  AWS_REGION: "eu-west-2",
  AWS_ACCESS_KEY_ID: "AKIDLOCALSTANDIN",
  AWS_SECRET_ACCESS_KEY: "local-stand-in-secret",
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
