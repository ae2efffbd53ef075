import { TaskPageSkeleton } from "@/app/[account]/_section/skeletons";

/** While the task page is prepared: its frame and panels, roughly where they will be. */
export default function TaskLoading() {
  return <TaskPageSkeleton />;
}
