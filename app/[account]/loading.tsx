import { PageSkeleton } from "@/app/[account]/_section/skeletons";

/** While the account page is prepared: its frame and panels, roughly where they will be. */
export default function AccountLoading() {
  return (
    <PageSkeleton
      title="account"
      panels={[
        ["Pools", 6],
        ["Active jobs", 4],
        ["Job schedules", 3],
      ]}
    />
  );
}
