import type { Metadata } from "next";
import Link from "next/link";
import { Confirmation } from "@/components/ui/confirmation";
import { Notice } from "@/components/ui/notice";
import { Table } from "@/components/ui/table";
import { requirePlatformAdmin } from "@/lib/http/session";
import { listAllServices } from "@/lib/platform/admin-queries";
import { listInboundNumbers } from "@/lib/services/inbound-numbers";
import { AdminTabs } from "../admin-tabs";
import { releaseInboundNumberAction } from "./actions";
import { AssignNumberForm } from "./assign-number-form";

export const metadata: Metadata = { title: "Inbound numbers" };

const PATH = "/admin/inbound-numbers";

export default async function InboundNumbersPage({
  searchParams,
}: {
  searchParams: Promise<{ release?: string; done?: string }>;
}) {
  await requirePlatformAdmin();
  const query = await searchParams;
  const [numbers, services] = await Promise.all([listInboundNumbers(), listAllServices()]);
  const toRelease = numbers.find((number) => number.id === query.release && number.service);

  return (
    <>
      <h1 className="mb-6 text-4xl font-bold">Platform admin</h1>
      <AdminTabs current={PATH} />
      <h2 className="mb-2 text-2xl font-bold">Inbound numbers</h2>
      <p className="mb-6 text-lg">
        Phone numbers on which services receive text messages (and STOP requests). A number belongs to one service at a
        time.
      </p>
      {query.done === "released" && (
        <Notice>
          The number was taken back. Texts to it are no longer received until you give it to a service again.
        </Notice>
      )}
      {toRelease && (
        <Confirmation
          title={`Take ${toRelease.number} back from ${toRelease.service!.name}?`}
          action={releaseInboundNumberAction}
          fields={{ id: toRelease.id }}
          confirmLabel="Yes, take the number back"
          cancelHref={PATH}
        >
          <p>Texts people send to it will no longer reach the service. What it has already received stays with it.</p>
        </Confirmation>
      )}
      <Table
        caption="Inbound numbers"
        hideCaption
        className="mb-10"
        rows={numbers}
        rowKey={(number) => number.id}
        empty="No numbers yet. Give a service a number below once its two-way channel publishes to the inbound SNS topic."
        columns={[
          { header: "Number", cell: (number) => number.number, className: "font-bold" },
          {
            header: "Service",
            cell: (number) =>
              number.service ? (
                <Link href={`/services/${number.service.id}`}>{number.service.name}</Link>
              ) : (
                <span className="text-muted">Not in use</span>
              ),
          },
          {
            header: "Action",
            hideHeader: true,
            cell: (number) =>
              number.service && (
                <Link href={`${PATH}?release=${number.id}#confirm`}>
                  Take back<span className="sr-only"> {number.number}</span>
                </Link>
              ),
          },
        ]}
      />
      <h2 className="mb-4 text-2xl font-bold">Give a service a number</h2>
      <AssignNumberForm
        services={services
          .filter((service) => service.active)
          .map((service) => ({ id: service.id, name: service.name }))}
      />
    </>
  );
}
