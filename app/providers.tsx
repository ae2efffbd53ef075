"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { useEffect, type ReactNode } from "react";
import { getQueryClient } from "@/lib/queries/query-client";
import { refreshStore } from "@/lib/queries/refresh";

export function Providers({ children }: { children: ReactNode }) {
  useEffect(() => refreshStore.load(), []);
  return (
    <NuqsAdapter>
      <QueryClientProvider client={getQueryClient()}>{children}</QueryClientProvider>
    </NuqsAdapter>
  );
}
