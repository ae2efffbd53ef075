"use client";

import { Button } from "./button";

/**
 * Saves what a table shows as a CSV file, made in the browser (a Blob, so the file is exactly the rows on
 * screen in their order and filter). The byte-order mark lets spreadsheets read it as UTF-8. A download
 * of a blob: URL is not a navigation, so the page's Content-Security-Policy has nothing to allow.
 */
export function DownloadCsvButton({ fileName, csv, label = "Download CSV" }: { fileName: string; csv: () => string; label?: string }) {
  return (
    <Button
      variant="ghost"
      size="inline"
      className="text-blue-700 hover:underline dark:text-blue-300"
      onClick={() => {
        const url = URL.createObjectURL(new Blob([`\uFEFF${csv()}`], { type: "text/csv;charset=utf-8" }));
        const a = document.createElement("a");
        a.href = url;
        a.download = fileName;
        document.body.append(a);
        a.click();
        a.remove();
        // After the click has handed the file to the browser's download.
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      }}
    >
      {label}
    </Button>
  );
}
