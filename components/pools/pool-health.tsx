"use client";

import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Panel } from "@/components/ui/panel";
import { errorInfo } from "@/lib/queries/api-fetch";
import { batchQueries } from "@/lib/queries/batch";
import { NodeErrors, NodeStates, plural, ResizeErrors, StartTaskFailures } from "./pool-health-groups";

/**
 * Before blaming tasks: did the pool fail to grow, are nodes failing their start task or reporting errors?
 * Shown above the heatmap only when there is something to show; a pool in good health gets no panel.
 */
export function PoolHealthPanel({ account, poolId }: { account: string; poolId: string }) {
  const q = useQuery(batchQueries.poolHealth(account, poolId));
  const d = q.data;
  // The pool header already reports a failed read; the panel appears once there is data to stand on.
  if (!d || !d.health.hasSomething) return null;
  const h = d.health;
  const a = h.allocation;
  const bad = h.nodeStates.reduce((s, g) => s + g.count, 0);
  return (
    <Panel id="pool-health" title="Pool health" asOf={d.asOf} error={errorInfo(q.error)}>
      <p className="text-sm" data-testid="health-allocation">
        Allocation <span className="font-medium">{a.state}</span>: dedicated <span className="tabular-nums">{a.dedicated.current}</span> of{" "}
        <span className="tabular-nums">{a.dedicated.target}</span>, spot <span className="tabular-nums">{a.lowPriority.current}</span> of{" "}
        <span className="tabular-nums">{a.lowPriority.target}</span>
        {a.resizeTimeout && <> (resize timeout {a.resizeTimeout})</>}
        {a.shortOfTarget && <span className="font-medium text-amber-800 dark:text-amber-300"> — short of its target</span>}
        {bad > 0 && <>; {plural(bad, "node")} cannot run tasks, were preempted or are deallocated</>}.
      </p>
      <Section title="Resize errors" show={h.resizeErrors.length > 0}>
        <ResizeErrors errors={h.resizeErrors} />
      </Section>
      <Section title="Nodes in bad states" show={h.nodeStates.length > 0}>
        <NodeStates groups={h.nodeStates} />
      </Section>
      <Section title="Start-task failures" show={h.startTaskFailures.length > 0}>
        <StartTaskFailures groups={h.startTaskFailures} />
      </Section>
      <Section title="Node errors" show={h.nodeErrors.length > 0}>
        <NodeErrors groups={h.nodeErrors} />
      </Section>
    </Panel>
  );
}

function Section({ title, show, children }: { title: string; show: boolean; children: ReactNode }) {
  if (!show) return null;
  return (
    <div className="space-y-1">
      <h3 className="font-semibold">{title}</h3>
      <ul aria-label={title} className="space-y-2">
        {children}
      </ul>
    </div>
  );
}
