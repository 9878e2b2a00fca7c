import "server-only";
import type { Readable } from "node:stream";
import { SaxesParser } from "saxes";
import { SpreadsheetError } from "./spreadsheet-error";

/** What a part's handlers see of each element: its name without a namespace prefix, and its attributes. */
export interface XmlHandlers<T> {
  open?(name: string, attributes: Record<string, string>, emit: (item: T) => void): void;
  text?(text: string): void;
  close?(name: string, emit: (item: T) => void): void;
}

/** An element's or attribute's name without its prefix: writers differ (`row`, `x:row`). */
const localName = (name: string) => name.slice(name.indexOf(":") + 1);

/**
 * Reads one XML part of a workbook as it streams, yielding what its handlers emit a chunk at a
 * time, so a sheet of a million rows never sits in memory. Anything that is not well-formed XML,
 * or a part that stops short, is a SpreadsheetError with `invalid` as its message.
 */
export async function* parseXml<T>(source: Readable, handlers: XmlHandlers<T>, invalid: string): AsyncGenerator<T> {
  const xml = new SaxesParser({ xmlns: false });
  const ready: T[] = [];
  const emit = (item: T) => void ready.push(item);
  xml.on("opentag", (tag) => {
    const attributes: Record<string, string> = {};
    for (const [name, value] of Object.entries(tag.attributes)) attributes[name] = String(value);
    handlers.open?.(localName(tag.name), attributes, emit);
  });
  // Self-closing elements are closed too (saxes sends both events).
  xml.on("closetag", (tag) => handlers.close?.(localName(tag.name), emit));
  xml.on("text", (text) => handlers.text?.(text));
  xml.on("cdata", (text) => handlers.text?.(text));
  const decoder = new TextDecoder("utf-8");
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      xml.write(decoder.decode(chunk, { stream: true }));
      yield* ready.splice(0);
    }
    xml.write(decoder.decode());
    xml.close();
  } catch (error) {
    if (error instanceof SpreadsheetError) throw error;
    throw new SpreadsheetError(invalid);
  } finally {
    source.destroy();
  }
  yield* ready.splice(0);
}
