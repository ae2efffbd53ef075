import type { CSSProperties } from "react";
import { ansiSegments, type AnsiSegment } from "@/lib/logs/ansi";

/** The inline style of one styled run (lib/logs/ansi.ts), or undefined for plain text. */
export function styleOf(s: AnsiSegment): CSSProperties | undefined {
  if (!s.fg && !s.bg && !s.bold && !s.dim && !s.italic && !s.underline) return undefined;
  return {
    ...(s.fg ? { color: s.fg } : {}),
    ...(s.bg ? { backgroundColor: s.bg } : {}),
    ...(s.bold ? { fontWeight: 700 } : {}),
    ...(s.dim ? { opacity: 0.7 } : {}),
    ...(s.italic ? { fontStyle: "italic" } : {}),
    ...(s.underline ? { textDecoration: "underline" } : {}),
  };
}

/**
 * One line of untrusted log text in colour, as the viewer draws it: its SGR runs become React text children
 * of styled spans (never HTML), and every other escape was removed by ansiSegments. The colours are lifted
 * for a dark background, so whatever holds these spans is dark (bg-slate-950), as the viewer is.
 */
export function AnsiText({ text }: { text: string }) {
  return (
    <>
      {ansiSegments(text).map((s, i) => (
        <span key={i} style={styleOf(s)}>
          {s.text}
        </span>
      ))}
    </>
  );
}
