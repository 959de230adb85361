/**
 * The administrator's data-quality desktop: what is missing from the customer data (a responsible,
 * a backup, an email domain, contacts' addresses), which customers are likely duplicates, and the
 * newest import. Each question is one pass of a repository over the records concerned; on the
 * embedded engine each is a scan of its collection (~70 µs a document), acceptable for this view,
 * which an administrator opens now and then.
 */
import { DATA_QUALITY_DUPLICATE_GROUPS, DATA_QUALITY_SAMPLE_SIZE, type DataQuality } from '../../shared/contract-admin';
import { organizationNameKey } from '../../shared/domain/organizationName';
import type { UseCaseContext } from './context';
import { listReports } from './imports/reports';

type Duplicate = DataQuality['duplicates'][number]['organizations'][number];

const collator = new Intl.Collator('fi');

/**
 * Customers grouped by their normalised name, the groups of two or more. Holds one key and one
 * small reference per customer while the names stream past (names, not whole records).
 */
async function likelyDuplicates(ctx: UseCaseContext): Promise<{ count: number; groups: DataQuality['duplicates'] }> {
  const byKey = new Map<string, Duplicate[]>();
  for await (const c of ctx.repos.customers.streamNames()) {
    const key = organizationNameKey(c.name);
    if (!key) continue;
    const group = byKey.get(key);
    if (group) group.push(c);
    else byKey.set(key, [c]);
  }
  const groups = [...byKey].filter(([, orgs]) => orgs.length > 1);
  groups.sort(([a], [b]) => collator.compare(a, b));
  return {
    count: groups.length,
    groups: groups.slice(0, DATA_QUALITY_DUPLICATE_GROUPS).map(([key, orgs]) => ({
      key,
      organizations: orgs.map((o) => ({ ...o })).sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1)),
    })),
  };
}

export async function dataQuality(ctx: UseCaseContext): Promise<DataQuality> {
  const { customers, contacts } = ctx.repos;
  const n = DATA_QUALITY_SAMPLE_SIZE;
  const [withoutResponsible, withoutBackup, withoutDomain, noEmail, duplicates, [latestImport]] = await Promise.all([
    customers.gaps('responsible', n),
    customers.gaps('backup', n),
    customers.gaps('emailDomain', n),
    contacts.withoutEmail(n),
    likelyDuplicates(ctx),
    listReports(ctx, 1),
  ]);
  const owners = new Map((await customers.getMany([...new Set(noEmail.sample.map((c) => c.organizationId))])).map((o) => [o.id, o.name]));
  return {
    counts: {
      withoutResponsible: withoutResponsible.count,
      withoutBackup: withoutBackup.count,
      withoutDomain: withoutDomain.count,
      contactsWithoutEmail: noEmail.count,
      likelyDuplicates: duplicates.count,
    },
    samples: {
      withoutResponsible: withoutResponsible.sample,
      withoutBackup: withoutBackup.sample,
      withoutDomain: withoutDomain.sample,
      contactsWithoutEmail: noEmail.sample.map((c) => ({ ...c, organizationName: owners.get(c.organizationId) ?? null })),
    },
    duplicates: duplicates.groups,
    latestImport: latestImport ?? null,
  };
}
