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

/** The page of records from a read of `pageSize + 1` documents (the extra one tells whether more follow). */
export function pageFrom<D, R>(docs: readonly D[], req: PageRequest, toRecord: (d: D) => R): Page<R> {
  return { items: docs.slice(0, req.pageSize).map(toRecord), page: req.page, pageSize: req.pageSize, hasMore: docs.length > req.pageSize };
}

/** The `skip` and `limit` of a page read (one extra row). */
export const pageWindow = (req: PageRequest): { skip: number; limit: number } => ({ skip: (req.page - 1) * req.pageSize, limit: req.pageSize + 1 });
