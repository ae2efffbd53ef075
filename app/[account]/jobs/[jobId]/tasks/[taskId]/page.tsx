import { notFound } from "next/navigation";
import { TaskView } from "@/components/tasks/task-view";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { EmulatorBanner } from "@/components/ui/emulator-banner";
import { findAccount } from "@/lib/batch/accounts";
import { accountName } from "@/lib/batch/route";
import { paths } from "@/lib/links/paths";
import { batchId } from "@/lib/schemas/inputs";
import { BadIds } from "@/components/ui/bad-ids";

export const dynamic = "force-dynamic";

// /{account}/jobs/{jobId}/tasks/{taskId} – one task: why it failed, where it ran, the tail of its logs.
export default async function TaskPage({ params }: { params: Promise<{ account: string; jobId: string; taskId: string }> }) {
  const { account: rawAccount, jobId: rawJob, taskId: rawTask } = await params;
  const parsed = accountName.safeParse(rawAccount);
  const account = parsed.success ? await findAccount(parsed.data) : undefined;
  if (!account) notFound();
  const jobId = batchId.safeParse(rawJob);
  const taskId = batchId.safeParse(rawTask);
  return (
    <main className="mx-auto max-w-7xl space-y-4 px-6 py-6">
      {account.isEmulator && <EmulatorBanner />}
      <Breadcrumbs
        items={[
          { href: paths.account(account.name), label: account.name },
          jobId.success ? { href: paths.job(account.name, jobId.data), label: `Job ${jobId.data}` } : { label: "Job" },
          { label: taskId.success ? `Task ${taskId.data}` : "Task" },
        ]}
      />
      {jobId.success && taskId.success ? (
        <TaskView account={account.name} jobId={jobId.data} taskId={taskId.data} />
      ) : (
        <BadIds ids={[["job", rawJob, jobId.success], ["task", rawTask, taskId.success]]} parent={{ href: paths.account(account.name), label: `Go to account ${account.name}` }} />
      )}
    </main>
  );
}
