import { PageSkeleton } from "@/app/[account]/_section/skeletons";

/** While the job schedule page is prepared: its frame and panels, roughly where they will be. */
export default function ScheduleLoading() {
  return (
    <PageSkeleton
      title="job schedule"
      panels={[
        ["Job schedule", 4],
        ["Jobs", 5],
      ]}
    />
  );
}
