/**
 * Contact rows of a CSV import. A row updates the contact found by its Asiakkuus id, else by
 * any of its (normalised) addresses; otherwise it creates one under the customer its
 * organization_id, top_id, profinder_id or business_id names. An address that belongs to a
 * contact of another customer is an error: moving people between customers is a merge or an
 * edit, not an import. Addresses and classifications are added, never removed.
 */
import type { CsvRecord } from '../../csv/parse';
import { CONTACT_COLUMNS, type ContactField, type HeaderMapping } from '../../csv/columns';
import type { ContactAmendment, ContactRecord, KeyClaim, NewContact } from '../../persistence/repositories';
import type { UseCaseContext } from '../context';
import { indexedContactWriter } from '../customerReadModels';
import { applyPlans, type CreatePlan, type UpdatePlan } from './apply';
import { RowReader } from './cells';
import { keyOf, type ImportState, type RowError } from './importContext';
import type { BatchResult, KindHandler } from './kinds';

type Mapping = HeaderMapping<ContactField>;

function readValues(r: RowReader<ContactField>, state: ImportState) {
  return {
    id: r.id('id'),
    name: r.cell('name', 200),
    emails: r.emails('emails'),
    phone: r.cell('phone', 50),
    title: r.cell('title', 200),
    classificationIds: r.classifications('classifications', state, 'contact'),
    organizationId: r.id('organizationId'),
    businessId: r.businessId('businessId'),
    top: r.cell('top', 64),
    profinder: r.cell('profinder', 64),
  };
}

interface Judged {
  line: number;
  reader: RowReader<ContactField>;
  values: ReturnType<typeof readValues>;
  organizationId?: string;
  /** The column that named the customer. */
  organizationBy?: ContactField;
  targetId?: string;
  via?: { field: ContactField; key: string };
}

const REFS: readonly { field: ContactField; kind: 'top' | 'profinder' | 'businessId'; label: string }[] = [
  { field: 'top', kind: 'top', label: 'TOP ID' },
  { field: 'profinder', kind: 'profinder', label: 'ProFinder ID' },
  { field: 'businessId', kind: 'businessId', label: 'business ID' },
];

function judge(record: CsvRecord, mapping: Mapping, state: ImportState): Judged {
  const r = new RowReader(record.fields, mapping);
  const line = record.line;
  if (record.unterminatedQuote) r.errors.push({ column: '', message: 'a quoted field is not closed before the end of the file' });
  const v = readValues(r, state);
  const j: Judged = { line, reader: r, values: v };

  // The customer: by its Asiakkuus id, else by its external or business ID.
  if (v.organizationId) {
    j.organizationId = v.organizationId;
    j.organizationBy = 'organizationId';
  }
  for (const ref of REFS) {
    const value = v[ref.kind];
    if (!value) continue;
    const owner = state.ownerOf(keyOf(ref.kind, value));
    if (!owner) r.error(ref.field, `no customer has the ${ref.label} ${value}`);
    else if (!j.organizationId) {
      j.organizationId = owner;
      j.organizationBy = ref.field;
    } else if (owner !== j.organizationId) {
      r.error(ref.field, `names another customer than ${r.column(j.organizationBy!)}`);
    }
  }

  if (v.id) {
    const earlier = state.useKey(`id:${v.id}`, line);
    if (earlier !== undefined) r.error('id', `line ${earlier} of this file already has this id; the first row wins`);
    j.targetId = v.id;
    j.via = { field: 'id', key: `id:${v.id}` };
  }
  for (const email of v.emails ?? []) {
    const key = keyOf('email', email);
    const earlier = state.useKey(key, line);
    if (earlier !== undefined) r.error('emails', `line ${earlier} of this file already has the address ${email}; the first row wins`);
    const owner = state.ownerOf(key);
    if (!owner) continue;
    if (!j.targetId) {
      j.targetId = owner;
      j.via = { field: 'emails', key };
    } else if (owner !== j.targetId) {
      r.error('emails', `the address ${email} belongs to another contact`);
    }
  }
  if (j.targetId) {
    const earlier = state.touch(j.targetId, line);
    // A row that repeats an earlier row's key is reported for the key alone.
    const repeated = r.errors.some((e) => e.column === r.column(j.via!.field) && e.message.endsWith('the first row wins'));
    if (earlier !== undefined && !repeated) r.error(j.via!.field, `line ${earlier} of this file already changed this contact; the first row wins`);
  } else {
    if (!v.name) r.error('name', 'is needed for a new contact');
    if (!v.emails || v.emails.length === 0) r.error('emails', 'a new contact needs at least one address');
    if (!j.organizationId && r.errors.every((e) => !REFS.some((ref) => e.column === r.column(ref.field)))) {
      r.errors.push({ column: r.column('businessId'), message: 'a new contact needs its customer: give business_id, top_id, profinder_id or organization_id' });
    }
    if (v.emails?.[0]) j.via = { field: 'emails', key: keyOf('email', v.emails[0]) };
  }
  return j;
}

function createPlan(j: Judged, id: string): CreatePlan<NewContact> {
  const v = j.values;
  const claims: KeyClaim[] = (v.emails ?? []).map((e) => ({ kind: 'email', value: e, field: j.reader.column('emails') }));
  return {
    claims,
    keyOrganizationId: j.organizationId!,
    record: {
      id,
      organizationId: j.organizationId!,
      name: v.name!,
      emails: v.emails ?? [],
      phone: v.phone ?? null,
      title: v.title ?? null,
      classificationIds: v.classificationIds ?? [],
    },
  };
}

/**
 * What the row changes on the contact (`changed: false`: nothing). The contact stays with its
 * customer (a row naming another one is an error), so its new addresses' keys name that customer.
 */
function updatePlan(j: Judged, current: ContactRecord): UpdatePlan<ContactAmendment> & { changed: boolean } {
  const v = j.values;
  const set: NonNullable<ContactAmendment['set']> = {};
  if (v.name !== undefined && v.name !== current.name) set.name = v.name;
  if (v.phone !== undefined && v.phone !== current.phone) set.phone = v.phone;
  if (v.title !== undefined && v.title !== current.title) set.title = v.title;
  const addEmails = (v.emails ?? []).filter((e) => !current.emails.includes(e));
  const claims: KeyClaim[] = addEmails.map((e) => ({ kind: 'email', value: e, field: j.reader.column('emails') }));
  const addClassificationIds = (v.classificationIds ?? []).filter((c) => !current.classificationIds.includes(c));
  return {
    id: current.id,
    change: { set, addEmails, addClassificationIds },
    claims,
    releases: [],
    keyOrganizationId: current.organizationId,
    gone: { column: j.reader.column(j.via!.field), message: 'names a contact that was deleted while the file was being imported' },
    changed: Object.keys(set).length > 0 || addEmails.length > 0 || addClassificationIds.length > 0,
  };
}

async function batch(ctx: UseCaseContext, state: ImportState, mapping: Mapping, records: readonly CsvRecord[], dryRun: boolean): Promise<BatchResult> {
  const judged = records.map((rec) => judge(rec, mapping, state));
  const good = judged.filter((j) => j.reader.errors.length === 0);
  const [contacts, orgExists] = await Promise.all([
    ctx.repos.contacts.getMany(good.flatMap((j) => (j.targetId ? [j.targetId] : []))),
    ctx.repos.customers.existing(good.flatMap((j) => (j.organizationBy === 'organizationId' ? [j.organizationId!] : []))),
  ]);
  const contactById = new Map(contacts.map((c) => [c.id, c]));

  const rows: BatchResult['rows'] = [];
  const creates: { row: number; plan: CreatePlan<NewContact> }[] = [];
  const updates: { row: number; plan: UpdatePlan<ContactAmendment> }[] = [];
  for (const j of judged) {
    const errors: RowError[] = j.reader.errors;
    const col = (f: ContactField) => j.reader.column(f);
    if (errors.length === 0 && j.organizationBy === 'organizationId' && !orgExists.has(j.organizationId!)) {
      errors.push({ column: col('organizationId'), message: 'no customer has this id' });
    }
    const current = j.targetId ? contactById.get(j.targetId) : undefined;
    if (errors.length === 0 && j.targetId && !current) {
      errors.push({ column: col(j.via!.field), message: j.via!.field === 'id' ? 'no contact has this id' : 'names a contact that no longer exists' });
    }
    if (errors.length === 0 && current && j.organizationId && current.organizationId !== j.organizationId) {
      errors.push({
        column: col(j.via!.field),
        message: j.via!.field === 'id' ? 'this contact belongs to another customer' : `${j.via!.key.slice('email:'.length)} belongs to a contact of another customer`,
      });
    }
    if (errors.length > 0) {
      rows.push({ line: j.line, status: 'error', ...(j.via ? { key: j.via.key } : {}), errors });
      continue;
    }
    if (!current) {
      creates.push({ row: rows.length, plan: createPlan(j, ctx.repos.contacts.newId()) });
      rows.push({ line: j.line, status: 'created', key: j.via!.key });
      continue;
    }
    const { changed, ...plan } = updatePlan(j, current);
    if (changed) updates.push({ row: rows.length, plan });
    rows.push({ line: j.line, status: changed ? 'updated' : 'unchanged', key: j.via!.key });
  }

  if (!dryRun) await applyPlans(ctx.repos.keys, indexedContactWriter(ctx.repos), rows, creates, updates);
  return { rows };
}

export const contactRows: KindHandler<ContactField> = {
  columns: CONTACT_COLUMNS,
  keyKinds: ['email', 'businessId', 'top', 'profinder'],
  headerProblems(mapping) {
    return mapping.index.has('emails') || mapping.index.has('id')
      ? []
      : ['the file needs an email (sähköposti) column, or an id column that names existing contacts'];
  },
  batch,
};
