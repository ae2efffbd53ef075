import { TaskView } from "@/components/tasks/task-view";
import { PageShell } from "@/components/ui/page-shell";
import { pageAccount } from "@/lib/server/http/page-account";
import { ownerFrame } from "@/lib/links/owner";
import { decodeParams } from "@/lib/schemas/inputs";

export const dynamic = "force-dynamic";

// /{account}/jobs/{jobId}/tasks/{taskId} – one task: why it failed, where it ran, the tail of its logs.
export default async function TaskPage({ params }: { params: Promise<{ account: string; jobId: string; taskId: string }> }) {
  const raw = decodeParams(await params);
  const account = await pageAccount(raw.account);
  const { owner, ...frame } = ownerFrame(account.name, "task", { parent: raw.jobId, child: raw.taskId });
  return (
    <PageShell account={account.name} isEmulator={account.isEmulator} {...frame}>
      {owner?.kind === "task" && <TaskView account={account.name} jobId={owner.jobId} taskId={owner.taskId} />}
    </PageShell>
  );
}
