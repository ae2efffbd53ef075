import { apiFetch } from "@/lib/queries/api-fetch";
import { lineLocation } from "@/lib/schemas/files";

/**
 * Where a line starts, for `#L…` links into files of any size. Lines inside content the viewer already
 * holds are answered locally; any other goes to the server's line index (`?line=N` on the file's API
 * URL), which reads a file once in ranges, notes every 1,024th line, and counts the rest from there.
 * Returns undefined when the line is past the end or the index cannot be had: the viewer then reads the
 * file forward from its start within its memory bound.
 */
type Lookup = (line: number) => { offset: number; line: number } | undefined;

const loaded = new Map<string, Lookup>();

/** The viewer of `fileApiUrl` says which lines it holds; returns the unregister function. */
export function registerLoadedLines(fileApiUrl: string, lookup: Lookup): () => void {
  loaded.set(fileApiUrl, lookup);
  return () => {
    if (loaded.get(fileApiUrl) === lookup) loaded.delete(fileApiUrl);
  };
}

export async function offsetOfLine(fileApiUrl: string, line: number): Promise<{ offset: number; line: number } | undefined> {
  const local = loaded.get(fileApiUrl)?.(line);
  if (local) return local;
  try {
    const found = await apiFetch(`${fileApiUrl}?line=${line}`, lineLocation);
    return { offset: found.offset, line: found.line };
  } catch {
    return undefined;
  }
}
