// A Web Worker: runs a regular expression over the loaded lines off the page's thread, so a pattern that
// backtracks for minutes can be stopped (components/logs/use-regex-matches.ts terminates it) instead of
// freezing the tab.
import { findMatches } from "./search";

export interface RegexJob {
  id: number;
  source: string;
  flags: string;
  lines: string[];
}

self.onmessage = (event: MessageEvent<RegexJob>) => {
  const { id, source, flags, lines } = event.data;
  const found = findMatches(
    lines.map((plain) => ({ plain })),
    new RegExp(source, flags),
  );
  self.postMessage({ id, ...found });
};
