import { explainExitCode } from "@/lib/failures/exit-codes";
import { paths } from "@/lib/links/paths";
import type { PoolHealth } from "@/lib/schemas/health";
import type { NodeRow } from "@/lib/schemas/nodes";
import type { PoolDetailResponse } from "@/lib/schemas/pools";
import { nodeErrorHint } from "@/lib/display/node-facts";

type PoolDetail = PoolDetailResponse["pool"];
export interface Explanation {
  meaning: string;
  fix: string;
}

/** Pool resize errors (the codes of the REST reference's ResizeError), each with what usually fixes it. */
const RESIZE: Record<string, Explanation> = {
  AccountCoreQuotaReached: {
    meaning: "The Batch account reached its core quota for this kind of node, so the pool stopped growing.",
    fix:
      "Request a quota increase for this VM family (dedicated or Spot/low-priority) on the Batch account, " +
      "shrink other pools to free cores, or pick another VM size or region.",
  },
  AllocationTimedout: {
    meaning: "Batch could not allocate the nodes within the pool's resize timeout.",
    fix:
      "Set a longer resizeTimeout (30 minutes for large pools or custom images), grow in smaller steps, and check " +
      "that the region has capacity for this VM size and the subnet has free IP addresses.",
  },
  AllocationFailed: {
    meaning: "An error occurred while allocating nodes (often the virtual network, its quotas or the image).",
    fix:
      "Read the message and values: check the subnet's free addresses and network rules, the virtual network's " +
      "resource quotas and the image, then resize again.",
  },
  RemoveNodesFailed: {
    meaning: "Nodes could not be removed from the pool.",
    fix:
      "Remove them again; nodes waiting for tasks (taskcompletion, retaineddata) leave only when those finish. " +
      "If it repeats, open a support case with the pool id and request id.",
  },
  ResizeStopped: { meaning: "Someone stopped the resize before it finished.", fix: "Resize again if the target is still wanted." },
};
const UNKNOWN_RESIZE: Explanation = {
  meaning: "Batch did not say why the resize failed.",
  fix: "Read the message and values, then resize again; if it repeats, open a support case with the pool id.",
};

export const WATCHED_STATES = ["starttaskfailed", "unusable", "unknown", "preempted", "deallocated"] as const;
const STATES: Record<(typeof WATCHED_STATES)[number], Explanation> = {
  starttaskfailed: {
    meaning: "The start task failed and the pool waits for it, so Batch schedules no tasks on these nodes.",
    fix: "Read startup/stderr.txt, fix the start task or its resource files, then reboot the nodes so the start task runs again.",
  },
  unusable: {
    meaning: "These nodes cannot run tasks: see their node errors, or Batch cannot reach the VM.",
    fix: "Fix what the node errors name, then reboot; on virtual-machine pools remove the node and grow the pool again if it stays unusable.",
  },
  unknown: {
    meaning: "Batch lost contact with these nodes.",
    fix: "Give them a few minutes; if they stay unknown, remove them. Many at once often means network rules blocking Batch.",
  },
  preempted: {
    meaning: "Spot/low-priority capacity was taken back; their running tasks were requeued.",
    fix: "Nothing to fix on the node: use dedicated nodes for work that cannot wait, or expect delays.",
  },
  deallocated: {
    meaning: "Someone deallocated these nodes (API 2025-06-01): their VMs are stopped, they stay in the pool and run no tasks.",
    fix: "Start them when the pool needs their capacity again, or remove them if it never will.",
  },
};

function startTaskExplanation(code: string | undefined, exitCode: number | undefined): Explanation {
  if (code && /^(Blob|ResourceContainer)/.test(code)) {
    return {
      meaning: "A resource file of the start task could not be downloaded, so the start task never ran.",
      fix: "Check the resource file URL, its SAS (expiry, read permission) and that the storage account and blob exist; then reboot the nodes.",
    };
  }
  if (code === "FailureExitCode" || exitCode !== undefined) {
    const known = exitCode !== undefined ? explainExitCode(exitCode) : undefined;
    return {
      meaning: `The start task exited with code ${exitCode ?? "?"}${known ? `: ${known}` : ""}.`,
      fix: "Read startup/stderr.txt on a failing node, fix the start task's command line or script, then reboot the nodes.",
    };
  }
  return {
    meaning: "The start task could not run.",
    fix: "Read the failure message and details, fix the start task, then reboot the nodes.",
  };
}

const NODE_ERRORS: Record<string, Explanation> = {
  DiskFull: {
    meaning: "The node's disk is full, so tasks cannot write files or download resources.",
    fix: "Shorten task retentionTime or clean up large outputs, pick a VM size with a larger disk, and reimage or remove the node.",
  },
  AppPackageDownloadFailed: {
    meaning: "An application package could not be downloaded or unpacked; Batch does not retry this on its own.",
    fix: "Check that the package and version exist and the linked storage account is reachable, then reboot or remove the node.",
  },
};

function nodeErrorExplanation(code: string): Explanation {
  const known = NODE_ERRORS[code];
  if (known) return known;
  const hint = nodeErrorHint(code);
  if (hint) return { meaning: hint, fix: "Fix the cause, then reboot the node; remove it if the error comes back." };
  if (/container/i.test(code))
    return {
      meaning: "A container image the pool needs could not be pulled.",
      fix: "Check the image name and the registry credentials, then reboot the node.",
    };
  return {
    meaning: "The node reported an error Batch does not explain further.",
    fix: "Read the message and details, reboot the node, and remove it if the error comes back.",
  };
}

const EMULATOR_MARK = "emulator-defined";

/**
 * What is wrong with a pool, from its detail and its nodes: the allocation against the targets, resize
 * errors, nodes in bad states, start-task failures by (exit code, code) and node errors by code. Every
 * group carries its node ids and links, and what usually fixes it.
 */
export function buildPoolHealth(account: string, pool: PoolDetail, nodes: readonly NodeRow[]): PoolHealth {
  const link = (id: string) => ({ id, href: paths.node(account, pool.id, id) });
  const byId = [...nodes].sort((a, b) => a.id.localeCompare(b.id));

  const resizeErrors = pool.resizeErrors.map((e) => ({ ...e, ...(RESIZE[e.code] ?? UNKNOWN_RESIZE) }));

  const nodeStates = WATCHED_STATES.flatMap((state) => {
    const hit = byId.filter((n) => n.state.toLowerCase() === state);
    return hit.length === 0 ? [] : [{ state, count: hit.length, nodes: hit.map((n) => link(n.id)), ...STATES[state] }];
  });

  const starts = new Map<string, { exitCode?: number; code?: string; message?: string; nodes: NodeRow[] }>();
  for (const n of byId) {
    const st = n.startTask;
    if (st?.result?.toLowerCase() !== "failure") continue;
    const code = st.failureInfo?.code;
    const key = `${st.exitCode ?? ""}|${code ?? ""}`;
    const group = starts.get(key) ?? {
      ...(st.exitCode !== undefined ? { exitCode: st.exitCode } : {}),
      ...(code ? { code } : {}),
      ...(st.failureInfo?.message ? { message: st.failureInfo.message } : {}),
      nodes: [],
    };
    group.nodes.push(n);
    starts.set(key, group);
  }
  const startTaskFailures = [...starts.values()]
    .map(({ nodes: hit, ...g }) => ({
      ...g,
      count: hit.length,
      nodes: hit.map((n) => ({ ...link(n.id), stderrHref: paths.nodeFile(account, pool.id, n.id, "startup/stderr.txt") })),
      ...startTaskExplanation(g.code, g.exitCode),
    }))
    .sort((a, b) => b.count - a.count || (a.exitCode ?? Infinity) - (b.exitCode ?? Infinity));

  const errs = new Map<string, { code: string; messages: Set<string>; emulatorDefined: boolean; nodes: NodeRow[] }>();
  for (const n of byId) {
    for (const e of n.errors) {
      const group = errs.get(e.code) ?? { code: e.code, messages: new Set<string>(), emulatorDefined: false, nodes: [] };
      group.messages.add(e.message);
      if (e.details.some((d) => d.value === EMULATOR_MARK)) group.emulatorDefined = true;
      if (!group.nodes.includes(n)) group.nodes.push(n);
      errs.set(e.code, group);
    }
  }
  const nodeErrors = [...errs.values()]
    .map((g) => ({
      code: g.code,
      messages: [...g.messages],
      emulatorDefined: g.emulatorDefined,
      count: g.nodes.length,
      nodes: g.nodes.map((n) => link(n.id)),
      ...nodeErrorExplanation(g.code),
    }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));

  const short = pool.dedicated.current < pool.dedicated.target || pool.lowPriority.current < pool.lowPriority.target;
  const allocation = {
    state: pool.allocationState,
    ...(pool.allocationStateTransitionTime ? { since: pool.allocationStateTransitionTime } : {}),
    ...(pool.resizeTimeout ? { resizeTimeout: pool.resizeTimeout } : {}),
    dedicated: pool.dedicated,
    lowPriority: pool.lowPriority,
    // Short of the targets while resizing is just growth in progress; short while steady is a failure.
    shortOfTarget: short && pool.allocationState === "steady",
  };

  const hasSomething = resizeErrors.length > 0 || allocation.shortOfTarget || nodeStates.length > 0 || startTaskFailures.length > 0 || nodeErrors.length > 0;
  return { hasSomething, allocation, resizeErrors, nodeStates, startTaskFailures, nodeErrors };
}
