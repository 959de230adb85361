/**
 * CSV exports of a selection of customers or of their contacts, as Excel opens them and as
 * the import reads them back: UTF-8 with a BOM, `;`, the import's column names, external IDs
 * and the Asiakkuus id. Exporting and importing the same file changes nothing.
 * Rows are written as the database cursor delivers them, with backpressure.
 */
import type { Writable } from 'node:stream';
import { Types } from 'mongoose';
import type { ExportQuery } from '../../shared/contract-admin';
import { CUSTOMER_GROUP_FINNISH } from '../../shared/domain/codes';
import { CONTACT_COLUMNS, ORGANIZATION_COLUMNS, type ColumnDef } from '../csv/columns';
import { csvLine, UTF8_BOM } from '../csv/write';
import type { OrganizationDoc } from '../persistence/models';
import { loadCarePlanRules } from '../persistence/store';
import { idOf } from '../persistence/views';
import { carePlanOf } from './carePlans';
import { statusFilter, statusFilters, type Filter } from './carePlanQuery';
import type { UseCaseContext } from './context';
import { LIST_SEPARATOR, loadClassificationIndex, type ClassificationIndex } from './imports/importContext';

function writer(out: Writable) {
  return (s: string) =>
    new Promise<void>((resolve, reject) => {
      const ok = out.write(s, (err) => (err ? reject(err) : undefined));
      if (ok) resolve();
      else out.once('drain', resolve);
    });
}

const headerLine = (defs: readonly ColumnDef[], lang: 'en' | 'fi') => csvLine(defs.map((d) => d[lang]));

/** The node and everything under it. */
async function subtree(ctx: UseCaseContext, id: string): Promise<Types.ObjectId[]> {
  const nodes = await ctx.models.ClassificationNode.find({}, { parentId: 1 }).lean();
  const out = new Set([id]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const n of nodes) {
      if (n.parentId && out.has(idOf(n.parentId)) && !out.has(idOf(n._id))) {
        out.add(idOf(n._id));
        grew = true;
      }
    }
  }
  return [...out].map((x) => new Types.ObjectId(x));
}

export async function organizationFilter(ctx: UseCaseContext, q: ExportQuery): Promise<Filter> {
  const and: Filter[] = [];
  if (q.segment) and.push({ segment: q.segment });
  if (q.customerGroup) and.push({ customerGroup: q.customerGroup });
  if (q.responsibleId) and.push({ responsibleId: new Types.ObjectId(q.responsibleId) });
  if (q.department) and.push({ department: q.department });
  if (q.classificationId) and.push({ classificationIds: { $in: await subtree(ctx, q.classificationId) } });
  if (q.carePlanStatus) {
    const rules = await loadCarePlanRules(ctx.models);
    and.push(statusFilter(statusFilters(rules, ctx.now, ctx.settings.timeZone), q.carePlanStatus));
  }
  return and.length === 0 ? {} : and.length === 1 ? and[0]! : { $and: and };
}

const classificationCell = (index: ClassificationIndex, ids: readonly Types.ObjectId[] | undefined) =>
  (ids ?? []).flatMap((id) => {
    const p = index.pathOf.get(idOf(id));
    return p ? [p] : [];
  }).join(LIST_SEPARATOR);

export async function exportOrganizations(ctx: UseCaseContext, q: ExportQuery, out: Writable): Promise<number> {
  const write = writer(out);
  const [filter, users, index, rules] = await Promise.all([
    organizationFilter(ctx, q),
    ctx.models.User.find({}, { email: 1 }).lean(),
    loadClassificationIndex(ctx.models),
    loadCarePlanRules(ctx.models),
  ]);
  const emailOf = new Map(users.map((u) => [idOf(u._id), u.email]));
  const group = (g: OrganizationDoc['customerGroup']) => (q.headers === 'fi' ? CUSTOMER_GROUP_FINNISH[g] : g);
  await write(UTF8_BOM + headerLine(ORGANIZATION_COLUMNS, q.headers));
  let n = 0;
  const cursor = ctx.models.Organization.find(filter, { recentActions: 0 }).sort({ _id: 1 }).lean().batchSize(1000).cursor();
  for await (const o of cursor as AsyncIterable<OrganizationDoc>) {
    const status = carePlanOf(o, rules, ctx)?.overall ?? '';
    await write(
      csvLine([
        idOf(o._id), o.name, o.businessId ?? '', o.segment, group(o.customerGroup), (o.emailDomains ?? []).join(' '),
        o.externalIds?.top ?? '', o.externalIds?.profinder ?? '',
        o.responsibleId ? emailOf.get(idOf(o.responsibleId)) ?? '' : '', o.backupId ? emailOf.get(idOf(o.backupId)) ?? '' : '',
        o.department ?? '', classificationCell(index, o.classificationIds), status,
      ]),
    );
    n++;
  }
  return n;
}

/**
 * Contacts of the selected customers. The customers are read first (only what the rows show
 * of them), then the contacts in one pass: a contact export costs two collection reads
 * whatever its size, never one query per customer.
 */
export async function exportContacts(ctx: UseCaseContext, q: ExportQuery, out: Writable): Promise<number> {
  const write = writer(out);
  const [filter, index] = await Promise.all([organizationFilter(ctx, q), loadClassificationIndex(ctx.models)]);
  const orgs = new Map<string, { name: string; businessId: string; top: string; profinder: string }>();
  const orgCursor = ctx.models.Organization.find(filter, { name: 1, businessId: 1, externalIds: 1 }).lean().batchSize(5000).cursor();
  for await (const o of orgCursor as AsyncIterable<OrganizationDoc>) {
    orgs.set(idOf(o._id), { name: o.name, businessId: o.businessId ?? '', top: o.externalIds?.top ?? '', profinder: o.externalIds?.profinder ?? '' });
  }
  await write(UTF8_BOM + headerLine(CONTACT_COLUMNS, q.headers));
  let n = 0;
  const cursor = ctx.models.Contact.find({}).sort({ _id: 1 }).lean().batchSize(1000).cursor();
  for await (const c of cursor) {
    const org = orgs.get(idOf(c.organizationId));
    if (!org) continue;
    await write(
      csvLine([
        idOf(c._id), c.name, (c.emails ?? []).join(' '), c.phone ?? '', c.title ?? '', classificationCell(index, c.classificationIds),
        idOf(c.organizationId), org.businessId, org.top, org.profinder, org.name,
      ]),
    );
    n++;
  }
  return n;
}
