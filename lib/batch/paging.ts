import "server-only";

interface Page<T> extends Array<T> {
  odatanextLink?: string;
  _response?: { headers: { get(name: string): string | undefined } };
}

/** Follows odata.nextLink to the end; returns the items and the service's Date of the first page. */
export async function listAll<T>(first: () => Promise<Page<T>>, next: (link: string) => Promise<Page<T>>): Promise<{ items: T[]; serviceDate?: string }> {
  let page = await first();
  const serviceDate = page._response?.headers.get("date");
  const items: T[] = [...page];
  while (page.odatanextLink) {
    page = await next(page.odatanextLink);
    items.push(...page);
  }
  return { items, ...(serviceDate ? { serviceDate } : {}) };
}
