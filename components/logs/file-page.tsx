import { ownerFileApi, type OwnerRef } from "@/lib/links/owner";
import { FileTree } from "./file-tree";
import { LogViewer } from "./log-viewer";

/** The viewer with its file tree beside it. */
export function FilePage({ owner, path, parent }: { owner: OwnerRef; path: string; parent: { href: string; label: string } }) {
  const fileApiUrl = ownerFileApi(owner, path);
  return (
    <div className="grid gap-4 lg:grid-cols-[16rem_minmax(0,1fr)]">
      <aside className="order-2 lg:order-1">
        <FileTree owner={owner} current={path} />
      </aside>
      <div className="order-1 min-w-0 lg:order-2">
        <LogViewer key={fileApiUrl} url={fileApiUrl} name={path} parent={parent} owner={owner} />
      </div>
    </div>
  );
}
