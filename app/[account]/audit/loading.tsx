import { PageSkeleton } from "@/app/[account]/_section/skeletons";

/** While the audit log page is prepared: its frame and panels, roughly where they will be. */
export default function AuditLoading() {
  return <PageSkeleton title="audit log" panels={[["Audit log", 8]]} />;
}
