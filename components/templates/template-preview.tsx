import type { EditorPreview } from "@/lib/templates/editor-preview";

/** How the recipient will see a template; placeholders without values are highlighted. */
export function TemplatePreview({ preview, fromName }: { preview: EditorPreview; fromName: string }) {
  if (preview.type === "email") {
    return (
      <div className="border-2 border-line">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 border-b-2 border-line bg-gray-50 p-3">
          <dt className="text-muted">From</dt>
          <dd className="break-all">{fromName}</dd>
          <dt className="text-muted">Subject</dt>
          <dd className="font-bold" dangerouslySetInnerHTML={{ __html: preview.subjectHtml }} />
        </dl>
        <div className="template-preview p-4" dangerouslySetInnerHTML={{ __html: preview.bodyHtml }} />
      </div>
    );
  }
  const { characters, fragments, encoding, tooLong } = preview.length;
  return (
    <div>
      <div
        className="template-preview max-w-sm rounded-lg bg-gray-200 p-4"
        dangerouslySetInnerHTML={{ __html: preview.bodyHtml }}
      />
      <p className={`mt-2 ${tooLong ? "font-bold text-error" : "text-muted"}`} aria-live="polite">
        {characters} characters, {fragments} {fragments === 1 ? "text message" : "text messages"} (
        {encoding === "UCS-2" ? "contains characters that make each message shorter" : "standard characters"})
        {tooLong ? ". Too long: the limit is 918 characters." : ""}
      </p>
    </div>
  );
}
