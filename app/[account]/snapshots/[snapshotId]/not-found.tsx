import { SnapshotNotFound } from "@/components/snapshots/snapshot-not-found";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-3xl px-6 py-12">
      <SnapshotNotFound />
    </main>
  );
}
