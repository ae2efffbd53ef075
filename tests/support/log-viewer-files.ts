import { expect } from "@playwright/test";
import type { Stack } from "./stack";

/**
 * The files both log-viewer specs attach to etl-nightly / shard-0020 through the emulator's control API (a
 * binary blob and a small text log), so the task's file list is the same whichever spec runs.
 */
export async function attachLogViewerFiles(env: Stack): Promise<void> {
  for (const f of [
    { path: "wd/blob.bin", size: 65536, style: "binary" },
    { path: "wd/small.log", size: 4096, style: "app" },
  ]) {
    const res = await fetch(`${env.emu.url}/__emulator/jobs/etl-nightly/tasks/shard-0020/files`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(f),
    });
    expect(res.ok).toBe(true);
  }
}

/** The dashboard's page and API addresses of a task file on the demo account. */
export function demoFileUrls(env: () => Stack) {
  return {
    fileUrl: (job: string, task: string, path: string) => `${env().dashboard.url}/demo/jobs/${job}/tasks/${task}/files/${path}`,
    fileApi: (job: string, task: string, path: string) => `${env().dashboard.url}/api/accounts/demo/jobs/${job}/tasks/${task}/files/${path}`,
  };
}
