import type { Metadata } from "next";
import Link from "next/link";
import { deliverabilityAlertOf } from "@/lib/deliverability/alerts";
import { requireUser } from "@/lib/http/session";
import { listServicesForUser } from "@/lib/services/queries";

export const metadata: Metadata = { title: "Your services" };

export default async function ServicesPage() {
  const user = await requireUser();
  const services = await listServicesForUser(user.id);
  const alerts = await Promise.all(services.map((service) => deliverabilityAlertOf(service.id)));
  return (
    <>
      <h1 className="mb-6 text-4xl font-bold">Your services</h1>
      {services.length === 0 ? (
        <div className="mb-8 max-w-2xl">
          <p className="mb-4 text-lg">You are not a member of any service yet.</p>
          <p className="text-lg">
            A service is a team that sends messages. Create one now, or ask someone who manages a service to invite you.
          </p>
        </div>
      ) : (
        <ul className="mb-8 divide-y divide-line border-y border-line">
          {services.map((service, index) => (
            <li key={service.id} className="flex items-center justify-between gap-4 py-4">
              <Link href={`/services/${service.id}`} className="text-xl font-bold">
                {service.name}
              </Link>
              <span className="flex gap-2">
                {(alerts[index]!.bounce || alerts[index]!.complaint) && (
                  <Link
                    href={`/services/${service.id}/deliverability`}
                    className="bg-error px-2 py-1 text-sm font-bold uppercase tracking-wide text-white no-underline hover:text-white"
                  >
                    {alerts[index]!.bounce ? "High bounce rate" : "High complaint rate"}
                  </Link>
                )}
                {service.trialMode && (
                  <span className="bg-gray-200 px-2 py-1 text-sm font-bold uppercase tracking-wide">Trial mode</span>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      <Link
        href="/services/new"
        className="inline-block bg-gray-200 px-4 py-2 text-lg font-bold text-ink no-underline shadow-[0_2px_0_#929191] hover:bg-gray-300 hover:text-ink"
      >
        Add a new service
      </Link>
    </>
  );
}
