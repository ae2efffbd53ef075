import "server-only";
import { notFound } from "next/navigation";
import { findAccount, type BatchAccount } from "@/lib/batch/accounts";
import { accountName } from "@/lib/schemas/route-params";

/** The account a page's URL names, or Next's not-found page ("No such account") when none is configured. */
export async function pageAccount(raw: string): Promise<BatchAccount> {
  const parsed = accountName.safeParse(raw);
  const account = parsed.success ? await findAccount(parsed.data) : undefined;
  if (!account) notFound();
  return account;
}
