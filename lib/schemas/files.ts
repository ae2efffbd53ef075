import { z } from "zod";

export const fileEntry = z.object({
  name: z.string(),
  isDirectory: z.boolean(),
  size: z.number().optional(),
  lastModified: z.string().optional(),
});
export type FileEntry = z.infer<typeof fileEntry>;

export const fileListResponse = z.object({ asOf: z.string(), files: z.array(fileEntry) });
export type FileListResponse = z.infer<typeof fileListResponse>;

export const fileProperties = z.object({
  name: z.string(),
  isDirectory: z.boolean(),
  size: z.number(),
  lastModified: z.string().optional(),
  creationTime: z.string().optional(),
});
export type FileProperties = z.infer<typeof fileProperties>;

/** Headers of a content read: where the bytes sit in the file, and how big the file is now. */
export const FILE_HEADERS = { size: "x-file-size", start: "x-range-start", lastModified: "x-file-last-modified" } as const;

/** Where a line starts (`?line=N`), found by the server's line index; `lines` once it has read the whole file. */
export const lineLocation = z.object({ line: z.number(), offset: z.number(), size: z.number(), lines: z.number().optional() });
export type LineLocation = z.infer<typeof lineLocation>;
