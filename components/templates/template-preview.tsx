import type { EditorPreview } from "@/lib/templates/editor-preview";

/**
 * How the recipient will see a template; placeholders without values are highlighted. `bannerHtml` is
 * the service's email branding as the renderer draws it (none: the plain header). In the editor,
 * `replaceForm` names its form, so that "Replace them" posts it to swap look-alike characters.
 */
export function TemplatePreview({
  preview,
  fromName,
  bannerHtml = "",
  replaceForm,
}: {
  preview: EditorPreview;
  fromName: string;
  bannerHtml?: string;
  replaceForm?: string;
}) {
  if (preview.type === "email") {
    return (
      <div className="border-2 border-line">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 border-b-2 border-line bg-gray-50 p-3">
          <dt className="text-muted">From</dt>
          <dd className="break-all">{fromName}</dd>
          <dt className="text-muted">Subject</dt>
          <dd className="font-bold" dangerouslySetInnerHTML={{ __html: preview.subjectHtml }} />
        </dl>
        <div className="template-preview p-4" dangerouslySetInnerHTML={{ __html: bannerHtml + preview.bodyHtml }} />
      </div>
    );
  }
  const { characters, sentCharacters, fragments, unicodeCharacters, tooLong } = preview.length;
  const plural = (count: number, one: string, many: string) =>
    `${count.toLocaleString("en-GB")} ${count === 1 ? one : many}`;
  return (
    <div>
      <div
        className="template-preview max-w-sm rounded-lg bg-gray-200 p-4"
        dangerouslySetInnerHTML={{ __html: preview.bodyHtml }}
      />
      <p className={`mt-2 ${tooLong ? "font-bold text-error" : "text-muted"}`} aria-live="polite">
        {characters === 0
          ? "The message is empty."
          : `${plural(sentCharacters, "character", "characters")} as sent, charged as ${plural(fragments, "text message", "text messages")}.`}
        {unicodeCharacters.length > 0 &&
          ` ${unicodeCharacters.map((character) => `‘${character}’`).join(", ")} ${unicodeCharacters.length === 1 ? "is not a" : "are not"} standard text message ${unicodeCharacters.length === 1 ? "character" : "characters"}, so each text message holds 70 characters instead of 160.`}
        {tooLong
          ? ` Too long: the limit is 918 characters, not counting your service’s name (this is ${characters.toLocaleString("en-GB")}).`
          : ""}
      </p>
      {preview.lookAlikes.length > 0 && (
        <div className="mt-4 border-l-4 border-brand pl-4">
          <p>
            Your message has {preview.lookAlikes.length === 1 ? "a character" : "characters"} with a plain look-alike:{" "}
            {preview.lookAlikes
              .map(({ character, label, replacement }) => {
                const shown = label === character ? `‘${character}’` : label;
                return `${shown} (${replacement === " " ? "a space" : replacement ? `‘${replacement}’` : "nothing"})`;
              })
              .join(", ")}
            . Replacing {preview.lookAlikes.length === 1 ? "it" : "them"} shows exactly what is sent and keeps each text
            message at up to 160 characters.
          </p>
          {replaceForm && (
            <button
              type="submit"
              form={replaceForm}
              name="intent"
              value="replace-look-alikes"
              className="mt-2 bg-gray-200 px-4 py-2 text-lg font-bold text-ink shadow-[0_2px_0_#929191] hover:bg-gray-300"
            >
              Replace {preview.lookAlikes.length === 1 ? "it" : "them"}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
