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
import type { ClassificationRecord, Repositories, UniqueKeyKind, UserRecord } from '../../persistence/repositories';

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

/** The paths of the classification nodes, and the node of each path per tree. */
export function classificationIndex(nodes: Iterable<ClassificationRecord>): ClassificationIndex {
  const byId = new Map([...nodes].map((n) => [n.id, n]));
  const pathOf = new Map<string, string>();
  const path = (id: string, seen = new Set<string>()): string => {
    const cached = pathOf.get(id);
    if (cached !== undefined) return cached;
    const node = byId.get(id)!;
    const parent = node.parentId;
    const full = parent && byId.has(parent) && !seen.has(parent) ? `${path(parent, seen.add(id))}${PATH_SEPARATOR}${node.name}` : node.name;
    pathOf.set(id, full);
    return full;
  };
  const index: ClassificationIndex = { byPath: { organization: new Map(), contact: new Map() }, pathOf };
  for (const n of byId.values()) index.byPath[n.appliesTo].set(normalisePath(path(n.id)), n.id);
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
    /** Users by address. */
    readonly users: Map<string, UserRecord>,
    readonly classifications: ClassificationIndex,
  ) {}

  /** Users and classifications as they are now, and the unique keys of the given kinds in one pass. */
  static async load(repos: Repositories, kinds: readonly UniqueKeyKind[]): Promise<ImportState> {
    repos.reference.invalidate();
    const ref = await repos.reference.get();
    const state = new ImportState(new Map([...ref.users.values()].map((u) => [u.email, u])), classificationIndex(ref.classifications.values()));
    for await (const { key, ownerId } of repos.keys.allOfKinds(kinds)) state.owners.set(key, ownerId);
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

