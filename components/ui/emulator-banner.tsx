export function EmulatorBanner() {
  return (
    <div
      role="status"
      className="rounded-md border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <strong>Simulated data.</strong> This account is the Batchscope emulator, not an Azure Batch account.
    </div>
  );
}
