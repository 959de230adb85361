/**
 * The administrator's data-quality desktop: what is missing from the customer data (a responsible,
 * a backup, an email domain, contacts' addresses), which customers are likely duplicates, and the
 * newest import. One pass over the customers answers their questions (the repository's
 * `qualityScan`), one over the contacts without an address theirs; on the embedded engine each is
 * a scan of its collection, acceptable for this view, which an administrator opens now and then.
 */
import { DATA_QUALITY_DUPLICATE_GROUPS, DATA_QUALITY_SAMPLE_SIZE, type DataQuality } from '../../shared/contract-admin';
import { organizationNameKey } from '../../shared/domain/organizationName';
import type { UseCaseContext } from './context';
import { listReports } from './imports/reports';

type Duplicate = DataQuality['duplicates'][number]['organizations'][number];

const collator = new Intl.Collator('fi');

/**
 * Customers grouped by their normalised name, while the names stream past: one key and one small
 * reference per customer in memory (names, not whole records); the groups of two or more count.
 */
class DuplicateGroups {
  private readonly byKey = new Map<string, Duplicate[]>();

  add = (c: Duplicate): void => {
    const key = organizationNameKey(c.name);
    if (!key) return;
    const group = this.byKey.get(key);
    if (group) group.push(c);
    else this.byKey.set(key, [c]);
  };

  result(limit: number): { count: number; groups: DataQuality['duplicates'] } {
    const groups = [...this.byKey].filter(([, orgs]) => orgs.length > 1).sort(([a], [b]) => collator.compare(a, b));
    return {
      count: groups.length,
      groups: groups.slice(0, limit).map(([key, orgs]) => ({
        key,
        organizations: [...orgs].sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1)),
      })),
    };
  }
}

export async function dataQuality(ctx: UseCaseContext): Promise<DataQuality> {
  const { customers, contacts } = ctx.repos;
  const n = DATA_QUALITY_SAMPLE_SIZE;
  const duplicates = new DuplicateGroups();
  // One after the other: on the embedded engine passes in parallel only slow each other down.
  const gaps = await customers.qualityScan(n, duplicates.add);
  const noEmail = await contacts.withoutEmail(n);
  const [latestImport] = await listReports(ctx, 1);
  const owners = new Map((await customers.getMany([...new Set(noEmail.sample.map((c) => c.organizationId))])).map((o) => [o.id, o.name]));
  const dups = duplicates.result(DATA_QUALITY_DUPLICATE_GROUPS);
  return {
    counts: {
      withoutResponsible: gaps.withoutResponsible.count,
      withoutBackup: gaps.withoutBackup.count,
      withoutDomain: gaps.withoutDomain.count,
      contactsWithoutEmail: noEmail.count,
      likelyDuplicates: dups.count,
    },
    samples: {
      withoutResponsible: gaps.withoutResponsible.sample,
      withoutBackup: gaps.withoutBackup.sample,
      withoutDomain: gaps.withoutDomain.sample,
      contactsWithoutEmail: noEmail.sample.map((c) => ({ ...c, organizationName: owners.get(c.organizationId) ?? null })),
    },
    duplicates: dups.groups,
    latestImport: latestImport ?? null,
  };
}
