import { PageShell } from "@/components/ui/page-shell";
import { pageAccount } from "@/lib/server/http/page-account";
import { ownerFrame } from "@/lib/links/owner";
import { decodeParams } from "@/lib/schemas/inputs";
import { Prefetched } from "../../../../_section/prefetched";
import { serverReads } from "../../../../_section/server-reads";
import { TaskBody } from "../../../../_section/views";
import { pageTitle, short } from "../../../../_section/page-title";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle((p) => `Task ${short(p.taskId)} · ${short(p.jobId)}`);

// /{account}/jobs/{jobId}/tasks/{taskId} – one task: why it failed, where it ran, the tail of its logs.
// The task is read on the server and streamed in; its file list (for the logs panel) starts at once beside it.
export default async function TaskPage({ params }: { params: Promise<{ account: string; jobId: string; taskId: string }> }) {
  const raw = decodeParams(await params);
  const account = await pageAccount(raw.account);
  const { owner, ...frame } = ownerFrame(account.name, "task", { parent: raw.jobId, child: raw.taskId });
  return (
    <PageShell account={account.name} isEmulator={account.isEmulator} {...frame}>
      {owner?.kind === "task" && (
        <TaskBody
          account={account.name}
          jobId={owner.jobId}
          taskId={owner.taskId}
          main={(panel) => <Prefetched reads={[serverReads.task(account, owner.jobId, owner.taskId)]}>{panel}</Prefetched>}
        />
      )}
    </PageShell>
  );
}
