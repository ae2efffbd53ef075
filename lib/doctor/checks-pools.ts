import "server-only";
import { previewActions } from "@/lib/server/remediation/action-preview";
import { heatmap } from "@/lib/batch/heatmap-reads";
import { listFiles, readFileSlice, type FileOwner } from "@/lib/batch/files";
import { getNode, listNodes } from "@/lib/batch/nodes";
import { getPool, listPoolSummaries } from "@/lib/batch/pools";
import { heatmapQuery } from "@/lib/schemas/failures";
import { windowQuery } from "@/lib/schemas/inputs";
import { pickFile, pickNode, pickPool } from "./pick";
import { count, type Check, type Probe } from "./probe";

/**
 * The reads of the account, pool and node pages, through the same lib/batch functions the routes call,
 * with the queries parsed by the routes' own schemas: the filters and $select cannot drift from the
 * dashboard's.
 */
const nodeOwner = (p: Probe): FileOwner => ({ kind: "node", poolId: p.pool!.id, nodeId: p.node!.id });

export const POOL_CHECKS: Check[] = [
  {
    id: "pools",
    title: () => "Pools and node counts (account page)",
    run: async (p) => {
      const { pools } = await listPoolSummaries(p.account);
      p.pool = pickPool(pools);
      return { detail: count(pools.length, "pool") };
    },
  },
  {
    id: "pool",
    title: (p) => `Pool ${p.pool?.id ?? "(none)"}: details and node counts`,
    run: async (p) => {
      if (!p.pool) return { skip: "the account has no pool" };
      const { pool } = await getPool(p.account, p.pool.id);
      return { detail: `${pool.state}, ${pool.allocationState}, ${count(pool.dedicated.current + pool.lowPriority.current, "node")}` };
    },
  },
  {
    id: "nodes",
    title: (p) => `Nodes of pool ${p.pool?.id ?? "(none)"}`,
    run: async (p) => {
      if (!p.pool) return { skip: "the account has no pool" };
      const { nodes } = await listNodes(p.account, p.pool.id);
      p.node = pickNode(nodes);
      return { detail: count(nodes.length, "node") };
    },
  },
  {
    id: "node",
    title: (p) => `Node ${p.node?.id ?? "(none)"}`,
    run: async (p) => {
      if (!p.pool || !p.node) return { skip: "no node to look at" };
      const { node } = await getNode(p.account, p.pool.id, p.node.id);
      return { detail: `${node.state}, ${count(node.recentTasks?.length ?? 0, "recent task")}` };
    },
  },
  {
    id: "actionPreview",
    title: () => "Node action preview (reads only; nothing is sent)",
    run: async (p) => {
      if (!p.pool || !p.node) return { skip: "no node to look at" };
      const preview = await previewActions(p.account, p.pool.id, [p.node.id]);
      const runnable = Object.values(preview.nodes[0]?.actions ?? {}).filter((a) => a.allowed).length;
      return { detail: `${count(runnable, "action")} would apply now` };
    },
  },
  {
    id: "nodeFiles",
    title: (p) => `Files of node ${p.node?.id ?? "(none)"}`,
    run: async (p) => {
      if (!p.pool || !p.node) return { skip: "no node to look at" };
      const { files } = await listFiles(p.account, nodeOwner(p), true);
      p.nodeFile = pickFile(files);
      return { detail: count(files.length, "entry", "entries") };
    },
  },
  {
    id: "nodeFileRead",
    title: (p) => `Ranged read (ocp-range) of node file ${p.nodeFile?.name ?? "(none)"}`,
    run: async (p) => {
      if (!p.nodeFile) return { skip: "the node has no file with content" };
      const slice = await readFileSlice(p.account, nodeOwner(p), p.nodeFile.name, {});
      return { detail: `bytes ${slice.start}-${slice.start + slice.bytes.length - 1} of ${slice.size}` };
    },
  },
  {
    id: "poolHeatmap",
    title: (p) => `Failure heatmap of pool ${p.pool?.id ?? "(none)"}, last hour`,
    run: async (p) => {
      if (!p.pool) return { skip: "the account has no pool" };
      const q = windowQuery.and(heatmapQuery).parse({ window: "1h" });
      const map = await heatmap(p.account, { kind: "pool", poolId: p.pool.id }, q, q.buckets);
      return { detail: `${count(map.jobsRead, "job")}, ${count(map.pagesRead, "page")} of tasks read` };
    },
  },
];
