import { Suspense, type ReactNode } from "react";
import { HeatmapPanel } from "@/components/heatmap";
import { FailureBreakdown } from "@/components/jobs/failure-breakdown";
import { JobHeader } from "@/components/jobs/job-header";
import { JobToolbar } from "@/components/jobs/job-toolbar";
import { TaskTable } from "@/components/jobs/task-table";
import { FilePage } from "@/components/logs/file-page";
import { NodeView } from "@/components/nodes/node-view";
import { FailuresByCategory } from "@/components/pools/failures-by-category";
import { NodeTable } from "@/components/pools/node-table";
import { PoolHealthPanel } from "@/components/pools/pool-health";
import { PoolToolbar } from "@/components/pools/pool-toolbar";
import { PoolView } from "@/components/pools/pool-view";
import { ScheduleOfJob } from "@/components/schedules/schedule-of-job";
import { SignatureList } from "@/components/signatures/signature-list";
import { LiveSource } from "@/components/snapshots/frozen";
import { TaskView } from "@/components/tasks/task-view";
import type { OwnerRef } from "@/lib/links/owner";
import { jobKeys, poolKeys } from "@/lib/queries/keys";
import { PanelSkeleton, PoolHeaderSkeleton, TaskPageSkeleton } from "./skeletons";
import { StartReads } from "./start-reads";
import { UnlessGone } from "./unless-gone";

/*
 * The bodies of the pool, job, task, node and file pages: one rendering path for the live page and a
 * snapshot of it (docs/snapshots.md). The live page passes `main`, which wraps the main resource's panel in
 * its server prefetch; a snapshot's page renders the same body inside its frozen root.
 */
type Main = (panel: ReactNode) => ReactNode;
const asIs: Main = (panel) => panel;

/*
 * Only the main resource's panel sits in a Suspense boundary: it is the one that suspends (its server
 * prefetch). The other panels are client components that never suspend, and a boundary around them only
 * made React hydrate them late: a completed boundary is hydrated after the rest of the page, at the lowest
 * priority, by which time the rest's effects had started shared reads (the toolbar asks for the failures
 * that "Failures by category" shows) and their answers could be in the cache. The late panel then drew
 * them on its first render where the server had drawn "Loading", a hydration mismatch (React error 418).
 * Without the boundaries they hydrate in the same pass as the toolbar, before any effect has run.
 */
export function PoolBody({ account: a, poolId, main = asIs }: { account: string; poolId: string; main?: Main }) {
  return (
    <>
      <LiveSource />
      <Suspense fallback={<PoolHeaderSkeleton />}>
        {main(
          <PoolView account={a} poolId={poolId}>
            {null}
          </PoolView>,
        )}
      </Suspense>
      <UnlessGone queryKey={poolKeys.detail(a, poolId)}>
        <PoolToolbar account={a} poolId={poolId} />
        <PoolHealthPanel account={a} poolId={poolId} />
        <HeatmapPanel account={a} scope={{ pool: poolId }} />
        <SignatureList account={a} scope={{ pool: poolId }} />
        <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
          <FailuresByCategory account={a} scope={{ pool: poolId }} />
          <NodeTable account={a} poolId={poolId} />
        </div>
      </UnlessGone>
    </>
  );
}

export function JobBody({ account: a, jobId, main = asIs }: { account: string; jobId: string; main?: Main }) {
  return (
    <>
      <LiveSource />
      <Suspense fallback={<PanelSkeleton label="Job" rows={3} />}>
        {main(
          <>
            <JobToolbar account={a} jobId={jobId} />
            <JobHeader account={a} jobId={jobId}>
              <ScheduleOfJob account={a} jobId={jobId} />
            </JobHeader>
          </>,
        )}
      </Suspense>
      <UnlessGone queryKey={jobKeys.detail(a, jobId)}>
        <Suspense fallback={<PanelSkeleton label="Heatmap" rows={8} />}>
          <HeatmapPanel account={a} scope={{ job: jobId }} />
        </Suspense>
        <SignatureList account={a} scope={{ job: jobId }} />
        <Suspense fallback={<PanelSkeleton label="Failures by category" />}>
          <FailureBreakdown account={a} jobId={jobId} />
        </Suspense>
        <Suspense fallback={<PanelSkeleton label="Tasks" rows={8} />}>
          <TaskTable account={a} jobId={jobId} />
        </Suspense>
      </UnlessGone>
    </>
  );
}

export function TaskBody({ account, jobId, taskId, main = asIs }: { account: string; jobId: string; taskId: string; main?: Main }) {
  return (
    <>
      <LiveSource />
      <StartReads reads={[{ read: "taskFiles", account, jobId, taskId }]} />
      <Suspense fallback={<TaskPageSkeleton />}>{main(<TaskView account={account} jobId={jobId} taskId={taskId} />)}</Suspense>
    </>
  );
}

export function NodeBody({ account: a, poolId, nodeId, main = asIs }: { account: string; poolId: string; nodeId: string; main?: Main }) {
  return (
    <>
      <LiveSource />
      <StartReads
        reads={[
          { read: "nodeFiles", account: a, poolId, nodeId },
          { read: "nodeHistory", account: a, poolId, nodeId },
          { read: "pool", account: a, poolId },
          { read: "me", account: a },
        ]}
      />
      <Suspense fallback={<PanelSkeleton label="Node" rows={8} />}>{main(<NodeView account={a} poolId={poolId} nodeId={nodeId} />)}</Suspense>
    </>
  );
}

export function FileBody({ owner, path, parent }: { owner: OwnerRef; path: string; parent: { href: string; label: string } }) {
  return (
    <>
      <LiveSource />
      <FilePage owner={owner} path={path} parent={parent} />
    </>
  );
}
