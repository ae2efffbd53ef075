import { TaskView } from "@/components/tasks/task-view";
import { PageShell } from "@/components/ui/page-shell";
import { pageAccount } from "@/lib/batch/page-account";
import { paths } from "@/lib/links/paths";
import { batchId } from "@/lib/schemas/inputs";

export const dynamic = "force-dynamic";

// /{account}/jobs/{jobId}/tasks/{taskId} – one task: why it failed, where it ran, the tail of its logs.
export default async function TaskPage({ params }: { params: Promise<{ account: string; jobId: string; taskId: string }> }) {
  const raw = await params;
  const account = await pageAccount(raw.account);
  const jobId = batchId.safeParse(raw.jobId);
  const taskId = batchId.safeParse(raw.taskId);
  const a = account.name;
  return (
    <PageShell
      account={a}
      isEmulator={account.isEmulator}
      crumbs={[
        { href: paths.account(a), label: a },
        jobId.success ? { href: paths.job(a, jobId.data), label: `Job ${jobId.data}` } : { label: "Job" },
        { label: taskId.success ? `Task ${taskId.data}` : "Task" },
      ]}
      ids={[
        ["job", raw.jobId, jobId.success],
        ["task", raw.taskId, taskId.success],
      ]}
      back={{ href: paths.account(a), label: `Go to account ${a}` }}
    >
      {jobId.success && taskId.success && <TaskView account={a} jobId={jobId.data} taskId={taskId.data} />}
    </PageShell>
  );
}
