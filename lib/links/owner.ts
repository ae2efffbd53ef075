import { batchId, jobId, nodeId } from "@/lib/schemas/inputs";
import { api, paths } from "./paths";

/** What a file belongs to: a task (under its job) or a node (under its pool). */
export type OwnerRef = { kind: "task"; account: string; jobId: string; taskId: string } | { kind: "node"; account: string; poolId: string; nodeId: string };
export type OwnerKind = OwnerRef["kind"];

const NAMES = {
  task: { parent: "job", child: "task", Parent: "Job", Child: "Task" },
  node: { parent: "pool", child: "node", Parent: "Pool", Child: "Node" },
} as const;

export const ownerPath = (o: OwnerRef) => (o.kind === "task" ? paths.task(o.account, o.jobId, o.taskId) : paths.node(o.account, o.poolId, o.nodeId));
export const ownerFilePath = (o: OwnerRef, file: string) =>
  o.kind === "task" ? paths.taskFile(o.account, o.jobId, o.taskId, file) : paths.nodeFile(o.account, o.poolId, o.nodeId, file);
export const ownerFileApi = (o: OwnerRef, file: string) =>
  o.kind === "task" ? api.taskFile(o.account, o.jobId, o.taskId, file) : api.nodeFile(o.account, o.poolId, o.nodeId, file);
const childId = (o: OwnerRef) => (o.kind === "task" ? o.taskId : o.nodeId);

type Crumb = { href?: string; label: string };

/**
 * The two ids of a task or node link, checked, and what its page frame shows: breadcrumbs up to the
 * owner (linked as far as the ids are good), each id with whether it is well-formed, and the way back.
 * `file` is given on a file page: the owner's crumb is then a link, and the file the last crumb.
 */
export function ownerFrame(
  account: string,
  kind: OwnerKind,
  raw: { parent: string; child: string },
  file?: { raw: string; path?: string },
): { owner?: OwnerRef; crumbs: Crumb[]; ids: [string, string, boolean][]; back: { href: string; label: string } } {
  const n = NAMES[kind];
  const parent = (kind === "task" ? jobId : batchId).safeParse(raw.parent);
  const child = (kind === "task" ? batchId : nodeId).safeParse(raw.child);
  const owner: OwnerRef | undefined =
    parent.success && child.success
      ? kind === "task"
        ? { kind, account, jobId: parent.data, taskId: child.data }
        : { kind, account, poolId: parent.data, nodeId: child.data }
      : undefined;
  const parentHref = parent.success ? (kind === "task" ? paths.job(account, parent.data) : paths.pool(account, parent.data)) : undefined;
  const childLabel = child.success ? `${n.Child} ${child.data}` : n.Child;
  const crumbs: Crumb[] = [
    { href: paths.account(account), label: account },
    parentHref && parent.success ? { href: parentHref, label: `${n.Parent} ${parent.data}` } : { label: n.Parent },
    file && owner ? { href: ownerPath(owner), label: childLabel } : { label: childLabel },
    ...(file ? [{ label: file.path ?? "File" }] : []),
  ];
  const ids: [string, string, boolean][] = [
    [n.parent, raw.parent, parent.success],
    [n.child, raw.child, child.success],
    ...(file ? [["file path", file.raw, file.path !== undefined] as [string, string, boolean]] : []),
  ];
  const back =
    file && owner
      ? { href: ownerPath(owner), label: `Go to ${n.child} ${childId(owner)}` }
      : { href: paths.account(account), label: `Go to account ${account}` };
  return { ...(owner ? { owner } : {}), crumbs, ids, back };
}
