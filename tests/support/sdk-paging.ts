type Page<T> = T[] & { odatanextLink?: string };

/** Every item of an SDK list: follows odata.nextLink to the end. */
export async function all<T>(first: Promise<Page<T>>, next: (link: string) => Promise<Page<T>>): Promise<T[]> {
  let page = await first;
  const items = [...page];
  while (page.odatanextLink) {
    page = await next(page.odatanextLink);
    items.push(...page);
  }
  return items;
}
