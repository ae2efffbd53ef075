import { PageShell } from "@/components/ui/page-shell";
import { pageAccount } from "@/lib/server/http/page-account";
import { ownerFrame } from "@/lib/links/owner";
import { decodeParams, filePath, safeDecode } from "@/lib/schemas/inputs";
import { pageTitle, short } from "../../../../../../_section/page-title";
import { FileBody } from "../../../../../../_section/views";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle((p, file) => `${file} · task ${short(p.taskId)}`);

// /{account}/jobs/{jobId}/tasks/{taskId}/files/{path…} – one of a task's files in the log viewer.
export default async function TaskFilePage({ params }: { params: Promise<{ account: string; jobId: string; taskId: string; path: string[] }> }) {
  const raw = decodeParams(await params);
  const account = await pageAccount(raw.account);
  const rawPath = raw.path.map(safeDecode).join("/");
  const path = filePath.safeParse(rawPath);
  const { owner, ...frame } = ownerFrame(
    account.name,
    "task",
    { parent: raw.jobId, child: raw.taskId },
    { raw: rawPath, ...(path.success ? { path: path.data } : {}) },
  );
  return (
    <PageShell account={account.name} isEmulator={account.isEmulator} {...frame}>
      {owner && path.success && <FileBody owner={owner} path={path.data} parent={frame.back} />}
    </PageShell>
  );
}
