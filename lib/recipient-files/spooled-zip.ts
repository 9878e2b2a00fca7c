import "server-only";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { SpreadsheetError } from "./spreadsheet-error";

/** A zip's parts by name, each readable in any order. */
export interface ZipParts {
  /** The part's size once unzipped, or undefined for a part the zip does not hold. */
  sizeOf(name: string): number | undefined;
  open(name: string): Promise<Readable>;
}

/**
 * Writes a zip arriving as a stream to a temporary file, then reads its parts through the zip's
 * central directory, in whatever order `read` needs them rather than the order they were written
 * (a workbook's shared strings usually come after its sheets). Reading a zip as it streams in is
 * what lost parts of workbooks: exceljs's streaming reader, on unzipper, sometimes ended before the
 * parts after a sheet when the upload arrived faster than it read. The file is removed afterwards.
 * A file that is not a zip, or a part that is not what its directory says, is a SpreadsheetError
 * with `invalid` as its message.
 */
export async function* readSpooledZip<T>(
  stream: Readable,
  invalid: string,
  read: (zip: ZipParts) => AsyncGenerator<T>,
): AsyncGenerator<T> {
  const directory = await mkdtemp(join(tmpdir(), "tidings-upload-"));
  let zip: ZipFile | undefined;
  try {
    const path = join(directory, "upload.zip");
    await pipeline(stream, createWriteStream(path));
    zip = await openZip(path).catch(() => {
      throw new SpreadsheetError(invalid);
    });
    const entries = await readDirectory(zip).catch(() => {
      throw new SpreadsheetError(invalid);
    });
    const opened = zip;
    yield* read({
      sizeOf: (name) => entries.get(name)?.uncompressedSize,
      open: (name) => {
        const entry = entries.get(name);
        if (!entry) return Promise.reject(new SpreadsheetError(invalid));
        return openEntry(opened, entry).catch(() => {
          throw new SpreadsheetError(invalid);
        });
      },
    });
  } finally {
    zip?.close();
    await rm(directory, { recursive: true, force: true });
  }
}

function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (error, zip) => (error ? reject(error) : resolve(zip))),
  );
}

function readDirectory(zip: ZipFile): Promise<Map<string, Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Entry>();
    zip.on("entry", (entry: Entry) => {
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.once("end", () => resolve(entries));
    zip.once("error", reject);
    zip.readEntry();
  });
}

function openEntry(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))),
  );
}
