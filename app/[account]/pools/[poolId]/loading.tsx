import { PageSkeleton } from "@/app/[account]/_section/skeletons";

/** While the pool page is prepared: its frame and panels, roughly where they will be. */
export default function PoolLoading() {
  return (
    <PageSkeleton
      title="pool"
      panels={[
        ["Pool health", 3],
        ["Heatmap", 8],
        ["Failures by category", 3],
        ["Nodes", 6],
      ]}
    />
  );
}
