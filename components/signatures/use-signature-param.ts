"use client";

import { useQueryStates } from "nuqs";
import { signatureParams } from "@/lib/links/view-params";

/** The signature the heatmap is filtered by (`sig` in the URL), and how to set or clear it. */
export function useSignatureParam(): [string | null, (sig: string | null) => void] {
  const [{ sig }, set] = useQueryStates(signatureParams);
  return [sig, (next) => void set({ sig: next })];
}

/** The heatmap query's part for the URL's signature: `signature=<id>` when one is chosen, nothing otherwise. */
export function useSignatureQuery(): { signature?: string } {
  const [sig] = useSignatureParam();
  return sig ? { signature: sig } : {};
}
