/**
 * SEAM for the lead's line-index route (line N → byte offset, for files of any size, built on the server).
 *
 * Today this knows only lines inside content the viewer has already loaded: a viewer registers a lookup
 * for its file while the start of the file (and so exact line numbers) is in its window, and
 * `offsetOfLine` answers from it. Anything else returns undefined, and the viewer falls back to reading
 * the file forward from offset 0 within its memory bound (enough for lines near the top of any file, and
 * for every line of a file up to a few MiB).
 *
 * To plug the server in: when no local lookup answers, call the index route for `fileApiUrl` and return
 * `{ offset, line }`, where `offset` is the byte offset of the first byte of line `line` (1-based). The
 * viewer then opens a window at `offset` with exact numbering (lfBefore = line − 1), so `#L…` links work
 * for deep lines in a 1 GiB file. Returning a nearby earlier line (a sparse index) is fine: the viewer
 * reads forward from it.
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
  return loaded.get(fileApiUrl)?.(line);
  // The lead's server index goes here.
}
