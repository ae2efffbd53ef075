import { PageSkeleton } from "@/app/[account]/_section/skeletons";

/** While the task page is prepared: its frame and panels, roughly where they will be. */
export default function TaskLoading() {
  return (
    <PageSkeleton
      title="task"
      panels={[
        ["Why it failed", 3],
        ["State and timings", 4],
        ["Logs", 6],
      ]}
    />
  );
}
