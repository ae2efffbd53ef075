import { redirect } from "next/navigation";
import { listAccounts } from "@/lib/batch/accounts";

export const dynamic = "force-dynamic";

// The first configured account is the landing page; with one account there is nothing to choose.
export default async function Home() {
  const [first] = await listAccounts();
  if (!first) throw new Error("No Batch account is configured.");
  redirect(`/${encodeURIComponent(first.name)}`);
}
