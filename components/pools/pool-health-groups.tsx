import Link from "next/link";
import type { ReactNode } from "react";
import type { PoolHealth } from "@/lib/schemas/health";

const linkClass = "text-blue-700 hover:underline dark:text-blue-300";
export const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** One group: what Batch said (code, count, raw text), what it means, and what usually fixes it. */
function Group({
  testId,
  code,
  title,
  count,
  meaning,
  fix,
  children,
}: {
  testId: string;
  code: string;
  title: ReactNode;
  count?: number;
  meaning: string;
  fix: string;
  children?: ReactNode;
}) {
  return (
    <li
      data-testid={testId}
      data-code={code}
      className="space-y-1 rounded border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950/40"
    >
      <p className="font-medium">
        {title}
        {count !== undefined && (
          <>
            {" — "}
            <span data-testid="group-count">{count}</span> {count === 1 ? "node" : "nodes"}
          </>
        )}
      </p>
      {children}
      <p>{meaning}</p>
      <p>
        <span className="font-medium">What usually fixes it: </span>
        {fix}
      </p>
    </li>
  );
}

function NodeLinks({ nodes, label }: { nodes: { id: string; href: string; stderrHref?: string }[]; label: string }) {
  return (
    <ul aria-label={label} className="flex flex-wrap gap-x-4 gap-y-1 font-mono text-xs">
      {nodes.map((n) => (
        <li key={n.id}>
          <Link prefetch={false} href={n.href} className={linkClass}>
            {n.id}
          </Link>
          {n.stderrHref && (
            <>
              {" "}
              (
              <Link prefetch={false} href={n.stderrHref} className={linkClass} aria-label={`startup/stderr.txt of ${n.id}`}>
                startup/stderr.txt
              </Link>
              )
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

export function ResizeErrors({ errors }: { errors: PoolHealth["resizeErrors"] }) {
  return errors.map((e, i) => (
    <Group
      key={`${e.code}-${i}`}
      testId="health-resize-error"
      code={e.code}
      title={<span className="font-mono">{e.code}</span>}
      meaning={e.meaning}
      fix={e.fix}
    >
      <p>{e.message}</p>
      {e.values.length > 0 && (
        <dl className="flex flex-wrap gap-x-4 font-mono text-xs">
          {e.values.map((v) => (
            <div key={v.name} className="flex gap-1">
              <dt>{v.name}:</dt>
              <dd>{v.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </Group>
  ));
}

export function NodeStates({ groups }: { groups: PoolHealth["nodeStates"] }) {
  return groups.map((g) => (
    <Group
      key={g.state}
      testId="health-node-state"
      code={g.state}
      title={<span className="font-mono">{g.state}</span>}
      count={g.count}
      meaning={g.meaning}
      fix={g.fix}
    >
      <NodeLinks nodes={g.nodes} label={`Nodes in ${g.state}`} />
    </Group>
  ));
}

export function StartTaskFailures({ groups }: { groups: PoolHealth["startTaskFailures"] }) {
  return groups.map((g) => {
    const key = `${g.exitCode ?? ""}|${g.code ?? ""}`;
    const title = (
      <>
        Start task failed:{" "}
        {g.exitCode !== undefined ? (
          <>
            exit code <span className="font-mono">{g.exitCode}</span>,{" "}
          </>
        ) : (
          "no exit code, "
        )}
        <span className="font-mono">{g.code ?? "no failure code"}</span>
      </>
    );
    return (
      <Group key={key} testId="health-start-task" code={key} title={title} count={g.count} meaning={g.meaning} fix={g.fix}>
        {g.message && <p>{g.message}</p>}
        <NodeLinks nodes={g.nodes} label={`Nodes whose start task failed with ${key}`} />
      </Group>
    );
  });
}

export function NodeErrors({ groups }: { groups: PoolHealth["nodeErrors"] }) {
  return groups.map((g) => (
    <Group
      key={g.code}
      testId="health-node-error"
      code={g.code}
      title={
        <>
          Node error <span className="font-mono">{g.code}</span>
          {g.emulatorDefined && <span className="ml-2 rounded bg-slate-200 px-1 text-xs dark:bg-slate-700">emulator-defined code</span>}
        </>
      }
      count={g.count}
      meaning={g.meaning}
      fix={g.fix}
    >
      {g.messages.map((m) => (
        <p key={m}>{m}</p>
      ))}
      <NodeLinks nodes={g.nodes} label={`Nodes reporting ${g.code}`} />
    </Group>
  ));
}
