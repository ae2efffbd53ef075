import { PageSkeleton } from "@/app/[account]/_section/skeletons";

/** While the job page is prepared: its frame and panels, roughly where they will be. */
export default function JobLoading() {
  return (
    <PageSkeleton
      title="job"
      panels={[
        ["Job", 3],
        ["Heatmap", 8],
        ["Failures by category", 3],
        ["Tasks", 8],
      ]}
    />
  );
}
