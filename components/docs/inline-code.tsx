/** Text from the API's descriptions, with `backticked` parts shown as code rather than as backticks. */
export function InlineCode({ text }: { text: string }) {
  return (
    <>
      {text.split(/`([^`]+)`/).map((part, index) =>
        index % 2 === 1 ? (
          <code key={index} className="bg-gray-100 px-1 break-all">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}
