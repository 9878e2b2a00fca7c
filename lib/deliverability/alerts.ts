import "server-only";
import { deliverabilityOf } from "./rates";

const CHECK_EVERY_MS = 5 * 60_000;
const checked = new Map<string, { at: number; alert: Promise<{ bounce: boolean; complaint: boolean }> }>();

/**
 * Whether a service's bounce or complaint rate has crossed its threshold, for the banner on every
 * console page and the services list. Rates move slowly, so each process checks a service at most
 * every five minutes.
 */
export function deliverabilityAlertOf(
  serviceId: string,
  now: number = Date.now(),
): Promise<{ bounce: boolean; complaint: boolean }> {
  const previous = checked.get(serviceId);
  if (previous && now - previous.at < CHECK_EVERY_MS) return previous.alert;
  const alert = deliverabilityOf(serviceId).then((rates) => rates.alert);
  checked.set(serviceId, { at: now, alert });
  alert.catch(() => checked.delete(serviceId));
  return alert;
}
