/**
 * What one import run knows besides the rows: the unique keys as they were when the run
 * started, the users and classifications by name, and what earlier rows of the file used.
 *
 * Every row is judged against the database as it was when the run started plus what the
 * earlier rows of the same file did, never against what the run itself wrote. A dry run and
 * the real run of the same file over the same data therefore reach the same verdict on every
 * row: the real run applies exactly what the dry run reported.
 *  - A key (external ID, business ID, domain, address) may appear in one row only: the first
 *    row wins, later ones are errors.
 *  - A record may be changed by one row only, for the same reason.
 *  - A key an earlier row removed from its record stays taken for the rest of the file.
 */
import type { Types } from 'mongoose';
import type { Models, UniqueKeyKind, UserDoc } from '../../persistence/models';
import { idOf } from '../../persistence/views';

export interface RowError {
  column: string;
  message: string;
}

export const keyOf = (kind: UniqueKeyKind, value: string): string => `${kind}:${value}`;

export const PATH_SEPARATOR = ' > ';
export const LIST_SEPARATOR = '|';

/** `Toimiala>rakentaminen ` → `toimiala > rakentaminen`: how paths are compared. */
export const normalisePath = (path: string): string =>
  path.split('>').map((p) => p.trim().toLowerCase()).filter(Boolean).join(PATH_SEPARATOR);

export interface ClassificationIndex {
  /** Normalised path → node id, per tree. */
  byPath: { organization: Map<string, string>; contact: Map<string, string> };
  /** Node id → path as named (for exports). */
  pathOf: Map<string, string>;
}

export async function loadClassificationIndex(models: Models): Promise<ClassificationIndex> {
  const nodes = await models.ClassificationNode.find({}, { name: 1, parentId: 1, appliesTo: 1 }).lean();
  const byId = new Map(nodes.map((n) => [idOf(n._id), n]));
  const pathOf = new Map<string, string>();
  const path = (id: string, seen = new Set<string>()): string => {
    const cached = pathOf.get(id);
    if (cached !== undefined) return cached;
    const node = byId.get(id)!;
    const parent = node.parentId ? idOf(node.parentId) : null;
    const full = parent && byId.has(parent) && !seen.has(parent) ? `${path(parent, seen.add(id))}${PATH_SEPARATOR}${node.name}` : node.name;
    pathOf.set(id, full);
    return full;
  };
  const index: ClassificationIndex = { byPath: { organization: new Map(), contact: new Map() }, pathOf };
  for (const n of nodes) index.byPath[n.appliesTo].set(normalisePath(path(idOf(n._id))), idOf(n._id));
  return index;
}

export class ImportState {
  /** Key → owner id, as the unique_keys collection was when the run started. */
  private readonly owners = new Map<string, string>();
  /** Key → the line of the first row that used it. */
  private readonly usedKeys = new Map<string, number>();
  /** Record id → the line of the row that matched it. */
  private readonly touched = new Map<string, number>();

  constructor(
    readonly users: Map<string, UserDoc>,
    readonly classifications: ClassificationIndex,
  ) {}

  /**
   * Reads the unique keys of the given kinds in one pass. On FerretDB's SQLite backend only
   * `_id` equality is answered from an index (an `$in` over keys scans the collection per
   * query), so one sequential read beats per-row look-ups by far; on MongoDB it costs little.
   */
  static async load(models: Models, kinds: readonly UniqueKeyKind[]): Promise<ImportState> {
    const [users, classifications] = await Promise.all([models.User.find().lean(), loadClassificationIndex(models)]);
    const state = new ImportState(new Map(users.map((u) => [u.email, u])), classifications);
    const wanted = new Set<string>(kinds);
    const cursor = models.UniqueKey.find({}, { _id: 1, ownerId: 1 }).lean().batchSize(5000).cursor();
    for await (const k of cursor) {
      const id = k._id as string;
      if (wanted.has(id.slice(0, id.indexOf(':')))) state.owners.set(id, idOf(k.ownerId as Types.ObjectId));
    }
    return state;
  }

  ownerOf(key: string): string | undefined {
    return this.owners.get(key);
  }

  /** The line of an earlier row that used the key, or undefined; marks it as used by `line` otherwise. */
  useKey(key: string, line: number): number | undefined {
    const earlier = this.usedKeys.get(key);
    if (earlier !== undefined) return earlier;
    this.usedKeys.set(key, line);
    return undefined;
  }

  /** The line of an earlier row that matched the record, or undefined; marks it as matched by `line` otherwise. */
  touch(recordId: string, line: number): number | undefined {
    const earlier = this.touched.get(recordId);
    if (earlier !== undefined) return earlier;
    this.touched.set(recordId, line);
    return undefined;
  }
}

/** Runs `fn` over `items` with at most `limit` at a time, keeping the order of results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return results;
}
