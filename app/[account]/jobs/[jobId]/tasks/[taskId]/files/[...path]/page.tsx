import { FilePage } from "@/components/logs/file-page";
import { PageShell } from "@/components/ui/page-shell";
import { pageAccount } from "@/lib/batch/page-account";
import { api, paths } from "@/lib/links/paths";
import { batchId, filePath, safeDecode } from "@/lib/schemas/inputs";

export const dynamic = "force-dynamic";

// /{account}/jobs/{jobId}/tasks/{taskId}/files/{path…} – one of a task's files in the log viewer.
export default async function TaskFilePage({ params }: { params: Promise<{ account: string; jobId: string; taskId: string; path: string[] }> }) {
  const raw = await params;
  const account = await pageAccount(raw.account);
  const a = account.name;
  const jobId = batchId.safeParse(raw.jobId);
  const taskId = batchId.safeParse(raw.taskId);
  const rawPath = raw.path.map(safeDecode).join("/");
  const path = filePath.safeParse(rawPath);
  const ok = jobId.success && taskId.success && path.success;
  return (
    <PageShell
      account={a}
      isEmulator={account.isEmulator}
      crumbs={[
        { href: paths.account(a), label: a },
        jobId.success ? { href: paths.job(a, jobId.data), label: `Job ${jobId.data}` } : { label: "Job" },
        jobId.success && taskId.success ? { href: paths.task(a, jobId.data, taskId.data), label: `Task ${taskId.data}` } : { label: "Task" },
        { label: path.success ? path.data : "File" },
      ]}
      ids={[
        ["job", raw.jobId, jobId.success],
        ["task", raw.taskId, taskId.success],
        ["file path", rawPath, path.success],
      ]}
      back={jobId.success && taskId.success ? { href: paths.task(a, jobId.data, taskId.data), label: `Go to task ${taskId.data}` } : { href: paths.account(a), label: `Go to account ${a}` }}
    >
      {ok && (
        <FilePage
          owner={{ kind: "task", account: a, jobId: jobId.data, taskId: taskId.data }}
          path={path.data}
          fileApiUrl={api.taskFile(a, jobId.data, taskId.data, path.data)}
          parent={{ href: paths.task(a, jobId.data, taskId.data), label: `Go to task ${taskId.data}` }}
        />
      )}
    </PageShell>
  );
}
