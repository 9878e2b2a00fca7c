import { readdirSync } from "node:fs";
import path from "node:path";

/** The production source files of lib/ (not tests, not the generated Prisma client), relative to the repository root. */
export function libSourceFiles(directory = "lib"): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(directory, entry.name);
    if (entry.isDirectory()) return file === path.join("lib", "generated") ? [] : libSourceFiles(file);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [file] : [];
  });
}
