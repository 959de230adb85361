/**
 * CSV exports of a selection of customers or of their contacts, as Excel opens them and as
 * the import reads them back: UTF-8 with a BOM, `;`, the import's column names, external IDs
 * and the Asiakkuus id. Exporting and importing the same file changes nothing.
 * The customers are those of the list's view (the same filters, search and order: customersOfView);
 * rows are written as the database cursor delivers them, with backpressure.
 */
import type { Writable } from 'node:stream';
import type { ExportQuery } from '../../shared/contract-admin';
import { CUSTOMER_GROUP_FINNISH, type CustomerGroup } from '../../shared/domain/codes';
import { CONTACT_COLUMNS, ORGANIZATION_COLUMNS, type ColumnDef } from '../csv/columns';
import { csvLine, UTF8_BOM } from '../csv/write';
import { carePlanOf } from './carePlans';
import type { UseCaseContext } from './context';
import { customersOfView } from './organizations';
import { classificationIndex, LIST_SEPARATOR, type ClassificationIndex } from './imports/importContext';

function writer(out: Writable) {
  return (s: string) =>
    new Promise<void>((resolve, reject) => {
      const ok = out.write(s, (err) => (err ? reject(err) : undefined));
      if (ok) resolve();
      else out.once('drain', resolve);
    });
}

const headerLine = (defs: readonly ColumnDef[], lang: 'en' | 'fi') => csvLine(defs.map((d) => d[lang]));

/**
 * The users, classifications and rules as they are now: an export is rare, and a file should not
 * miss what another instance changed a moment ago.
 */
async function freshReference(ctx: UseCaseContext) {
  ctx.repos.reference.invalidate();
  const [ref, rules] = await Promise.all([ctx.repos.reference.get(), ctx.repos.carePlanRules.all()]);
  return { ref, rules, index: classificationIndex(ref.classifications.values()) };
}

const classificationCell = (index: ClassificationIndex, ids: readonly string[]) =>
  ids.flatMap((id) => {
    const p = index.pathOf.get(id);
    return p ? [p] : [];
  }).join(LIST_SEPARATOR);

export async function exportOrganizations(ctx: UseCaseContext, q: ExportQuery, out: Writable): Promise<number> {
  const write = writer(out);
  const reference = await freshReference(ctx);
  const { ref, rules, index } = reference;
  const emailOf = (id: string | null) => (id ? ref.users.get(id)?.email ?? '' : '');
  const group = (g: CustomerGroup) => (q.headers === 'fi' ? CUSTOMER_GROUP_FINNISH[g] : g);
  await write(UTF8_BOM + headerLine(ORGANIZATION_COLUMNS, q.headers));
  let n = 0;
  for await (const o of customersOfView(ctx, q, ref, rules)) {
    const status = carePlanOf(o, rules, ctx)?.overall ?? '';
    await write(
      csvLine([
        o.id, o.name, o.businessId ?? '', o.segment, group(o.customerGroup), o.emailDomains.join(' '),
        o.externalIds.top ?? '', o.externalIds.profinder ?? '', emailOf(o.responsibleId), emailOf(o.backupId),
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
  const reference = await freshReference(ctx);
  const orgs = new Map<string, { name: string; businessId: string; top: string; profinder: string }>();
  for await (const o of customersOfView(ctx, q, reference.ref, reference.rules)) {
    orgs.set(o.id, { name: o.name, businessId: o.businessId ?? '', top: o.externalIds.top ?? '', profinder: o.externalIds.profinder ?? '' });
  }
  await write(UTF8_BOM + headerLine(CONTACT_COLUMNS, q.headers));
  let n = 0;
  for await (const c of ctx.repos.contacts.stream()) {
    const org = orgs.get(c.organizationId);
    if (!org) continue;
    await write(
      csvLine([
        c.id, c.name, c.emails.join(' '), c.phone ?? '', c.title ?? '', classificationCell(reference.index, c.classificationIds),
        c.organizationId, org.businessId, org.top, org.profinder, org.name,
      ]),
    );
    n++;
  }
  return n;
}
