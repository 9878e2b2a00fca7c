import "server-only";
// SNS's own hosts: `sns.<region>.amazonaws.com` (`.com.cn` in China), the region spelled as AWS
// spells regions. The pattern the official validators use (`^sns\.[a-zA-Z0-9\-]{3,}\.amazonaws\.com(\.cn)?$`)
// also matches S3 hosts such as sns.s3-ap-southeast-2.amazonaws.com, where anyone can put a file.
const SNS_HOST = /^sns\.[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d\.amazonaws\.com(\.cn)?$/;
const CERT_PATH = /^\/SimpleNotificationService-[0-9a-f]+\.pem$/;

/**
 * Whether a certificate URL may be trusted to sign SNS messages: HTTPS on an SNS host with SNS's
 * certificate path, or starting with one of the configured prefixes (other partitions, tests).
 */
export function isTrustedCertUrl(value: string, extraPrefixes: readonly string[]): boolean {
  if (extraPrefixes.some((prefix) => value.startsWith(prefix))) return true;
  const url = parse(value);
  return (
    url !== null &&
    url.protocol === "https:" &&
    url.port === "" &&
    !url.username &&
    !url.password &&
    SNS_HOST.test(url.hostname) &&
    CERT_PATH.test(url.pathname) &&
    !url.search
  );
}

/** Whether a SubscribeURL may be visited to confirm a subscription: the same hosts, any SNS API path. */
export function isTrustedSubscribeUrl(value: string, extraPrefixes: readonly string[]): boolean {
  if (extraPrefixes.some((prefix) => value.startsWith(prefix))) return true;
  const url = parse(value);
  return (
    url !== null &&
    url.protocol === "https:" &&
    url.port === "" &&
    !url.username &&
    !url.password &&
    SNS_HOST.test(url.hostname) &&
    url.searchParams.get("Action") === "ConfirmSubscription"
  );
}

function parse(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
