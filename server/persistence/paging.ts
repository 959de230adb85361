/** Offset paging and name-prefix search, shared by the list queries. */

export interface PageRequest {
  page: number;
  pageSize: number;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}

/** A case-insensitive prefix match on a stored lower-case name (anchored, so an index can serve it). */
export function namePrefix(q: string): { $regex: string } {
  return { $regex: `^${q.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}` };
}

/** Fetches one page (one extra row tells whether another page follows) and maps it to views. */
export async function fetchPage<D, V>(
  req: PageRequest,
  fetch: (skip: number, limit: number) => PromiseLike<D[]>,
  toViews: (docs: D[]) => Promise<V[]> | V[],
): Promise<Page<V>> {
  const docs = await fetch((req.page - 1) * req.pageSize, req.pageSize + 1);
  return { items: await toViews(docs.slice(0, req.pageSize)), page: req.page, pageSize: req.pageSize, hasMore: docs.length > req.pageSize };
}
