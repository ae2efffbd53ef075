import { formatBytes, formatTime } from "@/lib/format";
import { downloadUrl } from "@/lib/logs/read-range";
import { linkVariants } from "@/components/ui/text-link";

/** A file whose bytes are not text: said so, with its size and a download, never shown. */
export function BinaryFile({ url, name, size, lastModified }: { url: string; name: string; size: number; lastModified?: string | undefined }) {
  return (
    <section data-testid="binary-file" className="space-y-2 rounded-lg border border-slate-300 p-6 dark:border-slate-700">
      <h2 className="text-lg font-semibold">
        <span className="font-mono">{name}</span> looks like a binary file
      </h2>
      <p>
        Its bytes are not text (NUL bytes or invalid UTF-8), so they are not shown. Size {formatBytes(size)}
        {lastModified ? `, last modified ${formatTime(lastModified)}` : ""}.
      </p>
      <a className={linkVariants({ tone: "plain", className: "inline-block" })} href={downloadUrl(url)} download>
        Download {name}
      </a>
    </section>
  );
}
