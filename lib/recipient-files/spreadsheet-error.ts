import "server-only";

/** A file that cannot be read as a spreadsheet; the message is for the person who uploaded it. */
export class SpreadsheetError extends Error {}
