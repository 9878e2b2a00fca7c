import { diffWords } from "diff";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireServiceAccess } from "@/lib/http/session";
import { findTemplateForConsole, templateHistory, type TemplateVersionView } from "@/lib/templates/console-queries";
import { DateTime } from "@/components/ui/date-time";

export const metadata: Metadata = { title: "Template versions" };

/** What changed between two versions of one field, word by word. */
function Changes({ label, before, after }: { label: string; before: string | null; after: string | null }) {
  if ((before ?? "") === (after ?? "")) return null;
  return (
    <div className="mb-3">
      <h4 className="font-bold">{label}</h4>
      <p className="whitespace-pre-wrap border-l-4 border-line pl-3 font-mono text-sm">
        {diffWords(before ?? "", after ?? "").map((part, index) =>
          part.added ? (
            <ins key={index} className="bg-green-100 no-underline">
              <span className="sr-only">[added: </span>
              {part.value}
              <span className="sr-only">]</span>
            </ins>
          ) : part.removed ? (
            <del key={index} className="bg-red-100">
              <span className="sr-only">[removed: </span>
              {part.value}
              <span className="sr-only">]</span>
            </del>
          ) : (
            <span key={index}>{part.value}</span>
          ),
        )}
      </p>
    </div>
  );
}

function VersionChanges({
  version,
  previous,
}: {
  version: TemplateVersionView;
  previous: TemplateVersionView | undefined;
}) {
  if (!previous) return <p className="text-muted">First version.</p>;
  if (version.archived && !previous.archived) return <p className="font-bold">Deleted.</p>;
  return (
    <>
      <Changes label="Name" before={previous.name} after={version.name} />
      <Changes label="Subject" before={previous.subject} after={version.subject} />
      <Changes label="Message" before={previous.content} after={version.content} />
    </>
  );
}

export default async function TemplateVersionsPage({
  params,
}: {
  params: Promise<{ serviceId: string; templateId: string }>;
}) {
  const { serviceId, templateId } = await params;
  await requireServiceAccess(serviceId);
  const [template, versions] = await Promise.all([
    findTemplateForConsole(serviceId, templateId),
    templateHistory(serviceId, templateId),
  ]);
  if (!template) notFound();
  return (
    <>
      <p className="mb-2">
        <Link href={`/services/${serviceId}/templates/${templateId}`}>{template.name}</Link>
      </p>
      <h1 className="mb-6 text-3xl font-bold">Previous versions</h1>
      <ol className="divide-y divide-line border-y border-line">
        {versions.map((version, index) => (
          <li key={version.version} className="py-4">
            <h2 className="mb-2 text-xl font-bold">
              Version {version.version}{" "}
              <span className="text-base font-normal text-muted">
                saved <DateTime value={version.createdAt} /> UTC
                {version.createdBy ? ` by ${version.createdBy}` : ""}
              </span>
            </h2>
            <VersionChanges version={version} previous={versions[index + 1]} />
          </li>
        ))}
      </ol>
    </>
  );
}
