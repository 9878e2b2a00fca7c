import type { Metadata } from "next";
import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { requireServiceAccess } from "@/lib/http/session";
import { listTemplateFolders, listTemplatesForConsole } from "@/lib/templates/console-queries";
import { FolderForm } from "./folder-form";
import { createFolderAction } from "./actions";

export const metadata: Metadata = { title: "Templates" };

const TYPE_LABELS = { email: "Email template", sms: "Text message template" } as const;

export default async function TemplatesPage({
  params,
  searchParams,
}: {
  params: Promise<{ serviceId: string }>;
  searchParams: Promise<{ folder?: string; search?: string; type?: string; archived?: string }>;
}) {
  const { serviceId } = await params;
  const query = await searchParams;
  const { access } = await requireServiceAccess(serviceId);
  const canManage = access.permissions.has("manage_templates");
  const folders = await listTemplateFolders(serviceId);
  const folder = folders.find((candidate) => candidate.id === query.folder);
  const type = query.type === "email" || query.type === "sms" ? query.type : undefined;
  const search = query.search?.slice(0, 200) ?? "";
  const templates = await listTemplatesForConsole(serviceId, {
    folderId: folder ? folder.id : search ? undefined : null,
    search,
    ...(type ? { type } : {}),
  });
  const base = `/services/${serviceId}/templates`;
  const showFolders = !folder && !search;

  return (
    <>
      <div className="mb-6 flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-3xl font-bold">{folder ? folder.name : "Templates"}</h1>
        {canManage && (
          <Link
            href={`${base}/new${folder ? `?folder=${folder.id}` : ""}`}
            className="bg-success px-4 py-2 text-lg font-bold text-white no-underline shadow-[0_2px_0_#002d18] hover:text-white"
          >
            New template
          </Link>
        )}
      </div>
      {query.archived && <Notice>The template was deleted. Messages already sent with it are not affected.</Notice>}
      {folder && (
        <p className="mb-4">
          <Link href={base}>All templates</Link> › {folder.name}
        </p>
      )}
      <form method="get" action={base} className="mb-6 flex flex-wrap items-end gap-3" role="search">
        <div>
          <label htmlFor="search" className="block text-lg font-bold">
            Search by name or content
          </label>
          <input
            id="search"
            name="search"
            type="search"
            defaultValue={search}
            className="border-2 border-ink px-2 py-1 text-lg"
          />
        </div>
        <div>
          <label htmlFor="type" className="block text-lg font-bold">
            Type
          </label>
          <select id="type" name="type" defaultValue={type ?? ""} className="border-2 border-ink px-2 py-1 text-lg">
            <option value="">All</option>
            <option value="email">Email</option>
            <option value="sms">Text message</option>
          </select>
        </div>
        <button type="submit" className="bg-gray-200 px-4 py-2 text-lg font-bold">
          Search
        </button>
      </form>

      {showFolders && folders.length > 0 && (
        <ul className="mb-4 divide-y divide-line border-t border-line" aria-label="Folders">
          {folders.map((item) => (
            <li key={item.id} className="py-3">
              <Link href={`${base}?folder=${item.id}`} className="text-lg font-bold">
                {/* Drawn, not an emoji: servers and kiosks often have no emoji font. */}
                <svg
                  aria-hidden="true"
                  focusable="false"
                  viewBox="0 0 24 20"
                  className="mr-2 inline-block h-5 w-6 align-[-3px] fill-current"
                >
                  <path d="M2 2h7l2 3h11v13H2z" />
                </svg>
                {item.name}
              </Link>
              <span className="ml-3 text-muted">
                {item.templateCount === 1 ? "1 template" : `${item.templateCount} templates`}
              </span>
            </li>
          ))}
        </ul>
      )}

      {templates.length === 0 ? (
        <div className="text-lg">
          {search ? (
            <p>No templates match “{search}”.</p>
          ) : (
            <>
              <p className="mb-2">{folder ? "This folder is empty." : "You have not added any templates yet."}</p>
              <p className="text-muted">
                Templates are the emails and text messages you send.{" "}
                {canManage ? "Add one to start sending." : "Someone who can add templates needs to create one first."}
              </p>
            </>
          )}
        </div>
      ) : (
        <ul className="divide-y divide-line border-y border-line" aria-label="Templates">
          {templates.map((template) => (
            <li key={template.id} className="py-3">
              <Link href={`${base}/${template.id}`} className="text-lg font-bold">
                {template.name}
              </Link>
              <span className="block text-muted">{TYPE_LABELS[template.type]}</span>
            </li>
          ))}
        </ul>
      )}
      {canManage && showFolders && <FolderForm submit={createFolderAction.bind(null, serviceId)} />}
    </>
  );
}
