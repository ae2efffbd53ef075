import type { ReactNode } from "react";
import { BadIds } from "./bad-ids";
import { Breadcrumbs } from "./breadcrumbs";
import { EmulatorBanner } from "./emulator-banner";

/**
 * Every page's frame: the simulated-data banner, the breadcrumbs, and either the page or, when an id in
 * the link is malformed, a plain explanation with the way back (never a crash or a blank page).
 */
export function PageShell({
  isEmulator,
  crumbs,
  ids,
  back,
  children,
}: {
  isEmulator: boolean;
  crumbs?: { href?: string; label: string }[];
  ids?: [string, string, boolean][];
  back?: { href: string; label: string };
  children: ReactNode;
}) {
  const bad = ids?.some(([, , ok]) => !ok);
  return (
    <main className="mx-auto max-w-7xl space-y-4 px-6 py-6">
      {isEmulator && <EmulatorBanner />}
      {crumbs && <Breadcrumbs items={crumbs} />}
      {bad && ids && back ? <BadIds ids={ids} parent={back} /> : children}
    </main>
  );
}
