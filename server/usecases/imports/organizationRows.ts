/**
 * Customer rows of a CSV import: read, match, compare, write.
 * A row updates the customer found by its Asiakkuus id, else its TOP ID, else its ProFinder ID,
 * else its business ID; otherwise it creates one. An empty cell leaves a field as it is; domains
 * and classifications are added to those the customer has, never removed.
 */
import type { CsvRecord } from '../../csv/parse';
import { ORGANIZATION_COLUMNS, type HeaderMapping, type OrganizationField } from '../../csv/columns';
import type { CustomerAmendment, CustomerRecord, ExternalIds, KeyClaim, KeyRef, NewCustomer } from '../../persistence/repositories';
import type { UseCaseContext } from '../context';
import { customersChangedInBulk } from '../desk';
import { indexedCustomerWriter } from '../customerReadModels';
import { applyPlans, type CreatePlan, type UpdatePlan } from './apply';
import { RowReader } from './cells';
import { keyOf, type ImportState, type RowError } from './importContext';
import type { BatchResult, KindHandler } from './kinds';

type Mapping = HeaderMapping<OrganizationField>;

interface Judged {
  line: number;
  reader: RowReader<OrganizationField>;
  values: ReturnType<typeof readValues>;
  targetId?: string;
  /** The key the row matched its customer by, or would be known by when new. */
  via?: { field: OrganizationField; key: string };
}

function readValues(r: RowReader<OrganizationField>, state: ImportState) {
  return {
    id: r.id('id'),
    name: r.cell('name', 200),
    businessId: r.businessId('businessId'),
    segment: r.segment('segment'),
    customerGroup: r.customerGroup('customerGroup'),
    domains: r.domains('domains'),
    top: r.cell('top', 64),
    profinder: r.cell('profinder', 64),
    responsibleId: r.user('responsibleEmail', state),
    backupId: r.user('backupEmail', state),
    department: r.cell('department', 100),
    classificationIds: r.classifications('classifications', state, 'organization'),
  };
}

const MATCH_ORDER: readonly { field: OrganizationField; kind: 'top' | 'profinder' | 'businessId'; label: string }[] = [
  { field: 'top', kind: 'top', label: 'TOP ID' },
  { field: 'profinder', kind: 'profinder', label: 'ProFinder ID' },
  { field: 'businessId', kind: 'businessId', label: 'business ID' },
];

function judge(record: CsvRecord, mapping: Mapping, state: ImportState): Judged {
  const r = new RowReader(record.fields, mapping);
  const line = record.line;
  if (record.unterminatedQuote) r.errors.push({ column: '', message: 'a quoted field is not closed before the end of the file' });
  const values = readValues(r, state);

  const matchKeys = MATCH_ORDER.flatMap((m) => (values[m.kind] ? [{ ...m, key: keyOf(m.kind, values[m.kind]!) }] : []));
  const domainKeys = (values.domains ?? []).map((d) => ({ domain: d, key: keyOf('domain', d) }));

  // The first row of the file that uses a key wins it.
  if (values.id) {
    const earlier = state.useKey(`id:${values.id}`, line);
    if (earlier !== undefined) r.error('id', `line ${earlier} of this file already has this id; the first row wins`);
  }
  for (const m of matchKeys) {
    const earlier = state.useKey(m.key, line);
    if (earlier !== undefined) r.error(m.field, `line ${earlier} of this file already has ${m.label} ${values[m.kind]}; the first row wins`);
  }
  for (const d of domainKeys) {
    const earlier = state.useKey(d.key, line);
    if (earlier !== undefined) r.error('domains', `line ${earlier} of this file already has the domain ${d.domain}; the first row wins`);
  }

  let targetId: string | undefined;
  let via: Judged['via'];
  if (values.id) {
    targetId = values.id;
    via = { field: 'id', key: `id:${values.id}` };
  }
  for (const m of matchKeys) {
    const owner = state.ownerOf(m.key);
    if (!owner) continue;
    if (!targetId) {
      targetId = owner;
      via = { field: m.field, key: m.key };
    } else if (owner !== targetId) {
      r.error(m.field, `${values[m.kind]} belongs to another customer than the one ${r.column(via!.field)} names`);
    }
  }
  for (const d of domainKeys) {
    const owner = state.ownerOf(d.key);
    if (owner && owner !== targetId) r.error('domains', `the domain ${d.domain} belongs to another customer`);
  }
  if (targetId) {
    const earlier = state.touch(targetId, line);
    // A row that repeats an earlier row's key is reported for the key alone.
    const repeated = r.errors.some((e) => e.column === r.column(via!.field) && e.message.endsWith('the first row wins'));
    if (earlier !== undefined && !repeated) r.error(via!.field, `line ${earlier} of this file already changed this customer; the first row wins`);
  } else {
    if (!values.name) r.error('name', 'is needed for a new customer');
    via = matchKeys[0] ? { field: matchKeys[0].field, key: matchKeys[0].key } : undefined;
  }
  return { line, reader: r, values, targetId, via };
}

function claim(kind: KeyClaim['kind'], value: string, column: string): KeyClaim {
  return { kind, value, field: column };
}

function createPlan(j: Judged, id: string): CreatePlan<NewCustomer> {
  const v = j.values;
  const col = (f: OrganizationField) => j.reader.column(f);
  const claims: KeyClaim[] = [];
  if (v.top) claims.push(claim('top', v.top, col('top')));
  if (v.profinder) claims.push(claim('profinder', v.profinder, col('profinder')));
  if (v.businessId) claims.push(claim('businessId', v.businessId, col('businessId')));
  for (const d of v.domains ?? []) claims.push(claim('domain', d, col('domains')));
  const externalIds: ExternalIds = {};
  if (v.top) externalIds.top = v.top;
  if (v.profinder) externalIds.profinder = v.profinder;
  return {
    claims,
    record: {
      id,
      name: v.name!,
      businessId: v.businessId ?? null,
      segment: v.segment ?? 'P',
      customerGroup: v.customerGroup ?? 'company',
      emailDomains: v.domains ?? [],
      department: v.department ?? null,
      responsibleId: v.responsibleId ?? null,
      backupId: v.backupId ?? null,
      classificationIds: v.classificationIds ?? [],
      externalIds,
    },
  };
}

/** What the row changes on the customer (`changed: false`: nothing). */
function updatePlan(j: Judged, current: CustomerRecord): UpdatePlan<CustomerAmendment> & { changed: boolean } {
  const v = j.values;
  const col = (f: OrganizationField) => j.reader.column(f);
  const set: NonNullable<CustomerAmendment['set']> = {};
  const externalIds: ExternalIds = {};
  const claims: KeyClaim[] = [];
  const releases: KeyRef[] = [];
  if (v.name !== undefined && v.name !== current.name) set.name = v.name;
  if (v.segment !== undefined && v.segment !== current.segment) set.segment = v.segment;
  if (v.customerGroup !== undefined && v.customerGroup !== current.customerGroup) set.customerGroup = v.customerGroup;
  if (v.department !== undefined && v.department !== current.department) set.department = v.department;
  if (v.responsibleId !== undefined && v.responsibleId !== current.responsibleId) set.responsibleId = v.responsibleId;
  if (v.backupId !== undefined && v.backupId !== current.backupId) set.backupId = v.backupId;
  if (v.businessId !== undefined && v.businessId !== current.businessId) {
    set.businessId = v.businessId;
    claims.push(claim('businessId', v.businessId, col('businessId')));
    if (current.businessId) releases.push({ kind: 'businessId', value: current.businessId });
  }
  for (const kind of ['top', 'profinder'] as const) {
    const now = current.externalIds[kind];
    if (v[kind] !== undefined && v[kind] !== now) {
      externalIds[kind] = v[kind];
      claims.push(claim(kind, v[kind]!, col(kind)));
      if (now) releases.push({ kind, value: now });
    }
  }
  const addEmailDomains = (v.domains ?? []).filter((d) => !current.emailDomains.includes(d));
  for (const d of addEmailDomains) claims.push(claim('domain', d, col('domains')));
  const addClassificationIds = (v.classificationIds ?? []).filter((c) => !current.classificationIds.includes(c));
  const changed = Object.keys(set).length > 0 || Object.keys(externalIds).length > 0 || addEmailDomains.length > 0 || addClassificationIds.length > 0;
  return {
    id: current.id,
    change: { set, externalIds, addEmailDomains, addClassificationIds },
    claims,
    releases,
    gone: { column: col(j.via!.field), message: 'names a customer that was deleted while the file was being imported' },
    changed,
  };
}

async function batch(ctx: UseCaseContext, state: ImportState, mapping: Mapping, records: readonly CsvRecord[], dryRun: boolean): Promise<BatchResult> {
  const judged = records.map((rec) => judge(rec, mapping, state));
  const wanted = judged.filter((j) => j.reader.errors.length === 0 && j.targetId).map((j) => j.targetId!);
  const byId = new Map((await ctx.repos.customers.getMany(wanted)).map((c) => [c.id, c]));

  const rows: BatchResult['rows'] = [];
  const creates: { row: number; plan: CreatePlan<NewCustomer> }[] = [];
  const updates: { row: number; plan: UpdatePlan<CustomerAmendment> }[] = [];
  for (const j of judged) {
    const errors: RowError[] = j.reader.errors;
    if (errors.length === 0 && j.targetId && !byId.has(j.targetId)) {
      errors.push({ column: j.reader.column(j.via!.field), message: j.via!.field === 'id' ? 'no customer has this id' : 'names a customer that no longer exists' });
    }
    if (errors.length > 0) {
      rows.push({ line: j.line, status: 'error', ...(j.via ? { key: j.via.key } : {}), errors });
      continue;
    }
    if (!j.targetId) {
      creates.push({ row: rows.length, plan: createPlan(j, ctx.repos.customers.newId()) });
      rows.push({ line: j.line, status: 'created', ...(j.via ? { key: j.via.key } : {}) });
      continue;
    }
    const { changed, ...plan } = updatePlan(j, byId.get(j.targetId)!);
    if (changed) updates.push({ row: rows.length, plan });
    rows.push({ line: j.line, status: changed ? 'updated' : 'unchanged', key: j.via!.key });
  }

  if (!dryRun) {
    await applyPlans(ctx.repos.keys, indexedCustomerWriter(ctx.repos), rows, creates, updates);
    await customersChangedInBulk(ctx.repos, { ids: [...creates.map((c) => c.plan.record.id), ...updates.map((u) => u.plan.id)] });
  }
  return { rows };
}

export const organizationRows: KindHandler<OrganizationField> = {
  columns: ORGANIZATION_COLUMNS,
  keyKinds: ['domain', 'businessId', 'top', 'profinder'],
  headerProblems(mapping) {
    const f = mapping.index;
    return f.has('name') || f.has('id') || f.has('top') || f.has('profinder') || f.has('businessId')
      ? []
      : ['the file needs a name (nimi) column, or a column that identifies customers: id, top_id, profinder_id or business_id (y-tunnus)'];
  },
  batch,
};
