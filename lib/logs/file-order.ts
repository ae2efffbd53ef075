import type { FileEntry } from "@/lib/schemas/files";

/** The files an operator opens first, in that order; everything else follows alphabetically. */
const FIRST = {
  task: ["stderr.txt", "stdout.txt", "fileuploaderr.txt", "fileuploadout.txt"],
  node: ["startup/stderr.txt", "startup/stdout.txt"],
} as const;

export function orderFiles(files: readonly FileEntry[], owner: "task" | "node"): FileEntry[] {
  const first: readonly string[] = FIRST[owner];
  const rank = (name: string) => {
    const i = first.indexOf(name);
    return i === -1 ? first.length : i;
  };
  return files.filter((f) => !f.isDirectory).sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}
