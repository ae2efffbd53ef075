import { PageSkeleton } from "@/app/[account]/_section/skeletons";

/** While the file page is prepared: its frame and panels, roughly where they will be. */
export default function FileLoading() {
  return <PageSkeleton title="file" panels={[["File", 12]]} />;
}
