/**
 * One value per server process, kept on globalThis under `__batchscope<name>`. Pages and API routes are
 * separate server bundles of one process, and a module-level value exists once per bundle: a map of reads
 * in flight, or of what a read remembers, held by the page that started the read was invisible to the
 * route asked about it next (docs/architecture.md "Layers").
 */
export function processShared<T>(name: string, make: () => T): T {
  const shared = globalThis as unknown as Record<string, unknown>;
  return (shared[`__batchscope${name}`] ??= make()) as T;
}
