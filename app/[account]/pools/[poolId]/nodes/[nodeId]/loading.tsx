import { PageSkeleton } from "@/app/[account]/_section/skeletons";

/** While the node page is prepared: its frame and panels, roughly where they will be. */
export default function NodeLoading() {
  return (
    <PageSkeleton
      title="node"
      panels={[
        ["Node", 4],
        ["Node errors", 2],
        ["Failed tasks on this node", 5],
        ["Files", 4],
      ]}
    />
  );
}
