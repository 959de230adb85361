/**
 * Contact rows of a CSV import. A row updates the contact found by its Asiakkuus id, else by
 * any of its (normalised) addresses; otherwise it creates one under the customer its
 * organization_id, top_id, profinder_id or business_id names. An address that belongs to a
 * contact of another customer is an error: moving people between customers is a merge or an
 * edit, not an import. Addresses and classifications are added, never removed.
 */
import { Types } from 'mongoose';
import type { CsvRecord } from '../../csv/parse';
import { CONTACT_COLUMNS, type ContactField, type HeaderMapping } from '../../csv/columns';
import type { ContactDoc, OrganizationDoc } from '../../persistence/models';
import { findByIds, type KeyClaim } from '../../persistence/store';
import { idOf } from '../../persistence/views';
import type { UseCaseContext } from '../context';
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

const oid = (id: string) => new Types.ObjectId(id);

function createPlan(j: Judged): CreatePlan {
  const v = j.values;
  const claims: KeyClaim[] = (v.emails ?? []).map((e) => ({ kind: 'email', value: e, field: j.reader.column('emails') }));
  return {
    claims,
    doc: {
      _id: new Types.ObjectId(),
      organizationId: oid(j.organizationId!),
      name: v.name!,
      nameLower: v.name!.toLowerCase(),
      emails: v.emails ?? [],
      phone: v.phone ?? null,
      title: v.title ?? null,
      classificationIds: (v.classificationIds ?? []).map(oid),
    },
  };
}

function updatePlan(j: Judged, current: ContactDoc): UpdatePlan {
  const v = j.values;
  const set: Record<string, unknown> = {};
  const claims: KeyClaim[] = [];
  if (v.name !== undefined && v.name !== current.name) Object.assign(set, { name: v.name, nameLower: v.name.toLowerCase() });
  if (v.phone !== undefined && v.phone !== (current.phone ?? null)) set.phone = v.phone;
  if (v.title !== undefined && v.title !== (current.title ?? null)) set.title = v.title;
  const emails = [...(current.emails ?? [])];
  for (const e of v.emails ?? []) {
    if (!emails.includes(e)) {
      emails.push(e);
      claims.push({ kind: 'email', value: e, field: j.reader.column('emails') });
    }
  }
  if (emails.length !== (current.emails ?? []).length) set.emails = emails;
  const classes = (current.classificationIds ?? []).map(idOf);
  const before = classes.length;
  for (const c of v.classificationIds ?? []) if (!classes.includes(c)) classes.push(c);
  if (classes.length !== before) set.classificationIds = classes.map(oid);
  return { _id: current._id, set, claims, releases: [] };
}

async function batch(ctx: UseCaseContext, state: ImportState, mapping: Mapping, records: readonly CsvRecord[], dryRun: boolean): Promise<BatchResult> {
  const judged = records.map((rec) => judge(rec, mapping, state));
  const good = judged.filter((j) => j.reader.errors.length === 0);
  const [contacts, orgs] = await Promise.all([
    findByIds<ContactDoc>(ctx.models.Contact, good.flatMap((j) => (j.targetId ? [oid(j.targetId)] : []))),
    findByIds<Pick<OrganizationDoc, '_id'>>(
      ctx.models.Organization,
      good.flatMap((j) => (j.organizationBy === 'organizationId' ? [oid(j.organizationId!)] : [])),
      { _id: 1 },
    ),
  ]);
  const contactById = new Map(contacts.map((c) => [idOf(c._id), c]));
  const orgExists = new Set(orgs.map((o) => idOf(o._id)));

  const rows: BatchResult['rows'] = [];
  const creates: { row: number; plan: CreatePlan }[] = [];
  const updates: { row: number; plan: UpdatePlan }[] = [];
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
    if (errors.length === 0 && current && j.organizationId && idOf(current.organizationId) !== j.organizationId) {
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
      creates.push({ row: rows.length, plan: createPlan(j) });
      rows.push({ line: j.line, status: 'created', key: j.via!.key });
      continue;
    }
    const plan = updatePlan(j, current);
    const changed = Object.keys(plan.set).length > 0;
    if (changed) updates.push({ row: rows.length, plan });
    rows.push({ line: j.line, status: changed ? 'updated' : 'unchanged', key: j.via!.key });
  }

  if (!dryRun) await applyPlans(ctx.models, ctx.models.Contact as never, rows, creates, updates);
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
