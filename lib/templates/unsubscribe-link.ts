import "server-only";

/** A campaign email's content with the visible unsubscribe link every campaign email ends with. */
export function withUnsubscribeLink(content: string, unsubscribeUrl: string): string {
  return `${content}\n\n---\n\nDo not want these emails? Unsubscribe: ${unsubscribeUrl}`;
}
