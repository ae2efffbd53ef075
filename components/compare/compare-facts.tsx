import type { ReactNode } from "react";
import { TextLink } from "@/components/ui/text-link";
import { formatDuration, formatTime } from "@/lib/format";
import { paths } from "@/lib/links/paths";
import type { CompareSide } from "@/lib/schemas/compare";

/** Batch's result as the rest of the dashboard words it. */
const OUTCOME_WORDS: Record<string, string> = { failure: "failed", success: "succeeded" };

interface Fact {
  name: string;
  value: (s: CompareSide) => ReactNode;
  /** What is compared to mark the row as differing; rows without it (ids, times) always differ. */
  key?: (s: CompareSide) => string;
}

const facts = (account: string, jobId: string): Fact[] => [
  {
    name: "Task",
    value: (s) => (
      <TextLink href={paths.task(account, jobId, s.id)} className="font-mono">
        {s.id}
      </TextLink>
    ),
  },
  { name: "Result", value: (s) => OUTCOME_WORDS[s.result ?? ""] ?? s.state, key: (s) => s.result ?? s.state },
  { name: "Exit code", value: (s) => <span data-testid="exit-code">{s.exitCode ?? "none"}</span>, key: (s) => String(s.exitCode) },
  { name: "Failure", value: (s) => [s.category, s.failureCode].filter(Boolean).join(" · ") || "none", key: (s) => `${s.category}${s.failureCode}` },
  {
    name: "Node",
    value: (s) =>
      s.nodeId && s.poolId ? (
        <TextLink href={paths.node(account, s.poolId, s.nodeId)} className="font-mono break-all">
          {s.nodeId}
        </TextLink>
      ) : (
        "none"
      ),
    key: (s) => (s.nodeId ?? "").toLowerCase(),
  },
  { name: "Started", value: (s) => formatTime(s.startTime) },
  { name: "Ended", value: (s) => formatTime(s.endTime) },
  { name: "Duration", value: (s) => formatDuration(s.durationMs) },
  { name: "Waited for a node", value: (s) => formatDuration(s.waitMs) },
  { name: "Retries", value: (s) => s.retryCount, key: (s) => String(s.retryCount) },
  { name: "Command line", value: (s) => <code className="break-all whitespace-pre-wrap">{s.commandLine}</code>, key: (s) => s.commandLine },
];

/** The two tasks' facts as rows, each row marked when the values differ. */
export function CompareFacts({ account, jobId, failed, succeeded }: { account: string; jobId: string; failed: CompareSide; succeeded?: CompareSide }) {
  return (
    <table className="w-full table-fixed text-sm">
      <thead>
        <tr className="text-left">
          <th scope="col" className="w-40 py-1" />
          <th scope="col" className="py-1">
            Failed task
          </th>
          <th scope="col" className="py-1">
            Succeeded task
          </th>
        </tr>
      </thead>
      <tbody>
        {facts(account, jobId).map((f) => {
          const differs = Boolean(succeeded && f.key && f.key(failed) !== f.key(succeeded));
          return (
            <tr key={f.name} data-differs={differs} className="border-t border-slate-200 align-top dark:border-slate-800">
              <th scope="row" className="py-1 pr-2 text-left font-medium">
                {f.name}
                {differs && <span className="ml-1 text-amber-800 dark:text-amber-300">≠</span>}
              </th>
              <td className="py-1 pr-2">{f.value(failed)}</td>
              <td className="py-1">{succeeded ? f.value(succeeded) : ""}</td>
            </tr>
          );
        })}
        <EnvironmentRows failed={failed} succeeded={succeeded} />
      </tbody>
    </table>
  );
}

/** Environment settings by name, both sides on one row; values are redacted by the server as on the task page. */
function EnvironmentRows({ failed, succeeded }: { failed: CompareSide; succeeded?: CompareSide }) {
  const names = [...new Set([...failed.environment, ...(succeeded?.environment ?? [])].map((e) => e.name))].sort();
  const value = (s: CompareSide | undefined, n: string) => s?.environment.find((e) => e.name === n)?.value;
  if (names.length === 0)
    return (
      <tr className="border-t border-slate-200 dark:border-slate-800">
        <th scope="row" className="py-1 text-left font-medium">
          Environment
        </th>
        <td colSpan={2} className="py-1">
          none set
        </td>
      </tr>
    );
  return names.map((n) => {
    const [a, b] = [value(failed, n), value(succeeded, n)];
    const differs = Boolean(succeeded) && a !== b;
    return (
      <tr key={n} data-differs={differs} className="border-t border-slate-200 align-top dark:border-slate-800">
        <th scope="row" className="py-1 pr-2 text-left font-mono text-xs font-normal break-all">
          env {n}
          {differs && <span className="ml-1 text-amber-800 dark:text-amber-300">≠</span>}
        </th>
        <td className="py-1 pr-2 font-mono text-xs break-all">{a ?? "(not set)"}</td>
        <td className="py-1 font-mono text-xs break-all">{succeeded ? (b ?? "(not set)") : ""}</td>
      </tr>
    );
  });
}
