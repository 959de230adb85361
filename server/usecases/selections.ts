/**
 * Selections (poiminnat): a saved filter over customers or their contacts, owned by one user,
 * private or shared. A dynamic selection finds its members again whenever it is used — the
 * customer list's filters (the same query as the list), then the customer's activity
 * (shared/domain/selectionActivity) and open opportunities, then, for one over contacts, whether
 * the customer has a matching contact (shared/domain/selectionContacts); "freeze" turns it static
 * with the members it has at that moment. A static selection's members change only by hand; it
 * keeps its criteria, so its contacts are still its frozen customers' matching ones. Every change
 * names the version it was made on.
 *
 * `selectionContacts` is the one answer to "who are a selection's contacts": its contacts tab, its
 * contact export and a campaign's mailing audience all ask it.
 */
import { createHash } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { z } from 'zod';
import type { OrganizationListItem } from '../../shared/contract';
import {
  isClosedStage,
} from '../../shared/contract-sales';
import type {
  AssignSelectionManagersSchema, SelectionTasksResult, SelectionTasksSchema, ChangeMembersSchema, CreateSelectionSchema, Selection, SelectionCriteria, SelectionMembersPage, SelectionMembersQuerySchema, UpdateSelectionSchema, SelectionChangeResult, SelectionClassificationsSchema, SelectionSegmentSchema,
  SelectionContactsPage,
} from '../../shared/contract-selections';
import { meetsActivity } from '../../shared/domain/selectionActivity';
import { contactMatcher, hasContactCriteria } from '../../shared/domain/selectionContacts';
import { AppError } from '../errors';
import type { ContactRecord, CustomerRow, SelectionRecord, TaskRecord } from '../persistence/repositories';
import type { UseCaseContext } from './context';
import { customerRowsXlsx, exportCustomerRows, exportSelectionContactRows, selectionContactsXlsx } from './exports';
import { contactsOfCustomers, customersRekeyed, type ContactText } from './customerReadModels';
import { customersChangedInBulk } from './desk';
import { customersOfView, listItem, subtree, viewContext } from './organizations';
import { allDone, inSteps, withFinish, type OnProgress } from './progress';
import { assertClassificationsExist, assertUsersExist } from './references';
import { mapLimit } from '../concurrency';
import { personRef } from './views';

export function selectionView(s: SelectionRecord): Selection {
  const { memberGen: _gen, memberChunks: _chunks, ...rest } = s;
  return { ...rest, frozenAt: s.frozenAt?.toISOString() ?? null, createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString() };
}

const mayRead = (ctx: UseCaseContext, s: SelectionRecord) => s.shared || s.owner.id === ctx.user.id || ctx.user.role === 'admin';

export async function visible(ctx: UseCaseContext, id: string): Promise<SelectionRecord> {
  const s = await ctx.repos.selections.get(id);
  // another's private selection is not there for this user
  if (!s || !mayRead(ctx, s)) throw AppError.notFound('The selection');
  return s;
}

const stale = (version: number) =>
  AppError.conflict('version', `is ${version}, but the selection was changed meanwhile: read it again and repeat the change`, 'invalid');

async function checkCustomers(ctx: UseCaseContext, ids: readonly string[], field: string): Promise<void> {
  const unique = [...new Set(ids)];
  const found = new Set((await ctx.repos.customers.getMany(unique)).map((c) => c.id));
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) throw AppError.unprocessable(`${field}.${missing} names no customer`, `${field}.${missing}`);
}

export async function listSelections(ctx: UseCaseContext): Promise<{ items: Selection[] }> {
  const all = ctx.user.role === 'admin' ? await ctx.repos.selections.all() : await ctx.repos.selections.visibleTo(ctx.user.id);
  return { items: all.sort((a, b) => a.name.localeCompare(b.name, 'fi') || a.id.localeCompare(b.id)).map(selectionView) };
}

export async function getSelection(ctx: UseCaseContext, id: string): Promise<Selection> {
  return selectionView(await visible(ctx, id));
}

/** A contact classification criterion must name a classification of contacts (422 naming `criteria.contactClassification`). */
async function checkCriteria(ctx: UseCaseContext, criteria: SelectionCriteria | undefined): Promise<void> {
  if (criteria?.contactClassification) await assertClassificationsExist(ctx.repos, 'criteria.contactClassification', [criteria.contactClassification], 'contact');
}

export async function createSelection(ctx: UseCaseContext, input: z.output<typeof CreateSelectionSchema>): Promise<Selection> {
  await checkCriteria(ctx, input.criteria);
  if (input.memberIds) await checkCustomers(ctx, input.memberIds, 'memberIds');
  const fields = { name: input.name, owner: personRef(ctx.user), shared: input.shared, kind: input.kind, criteria: input.criteria };
  const members = input.kind === 'static' ? input.memberIds ?? [] : null;
  return selectionView(await ctx.repos.selections.insert(ctx.repos.selections.newId(), fields, members));
}

export async function updateSelection(ctx: UseCaseContext, id: string, patch: z.output<typeof UpdateSelectionSchema>): Promise<Selection> {
  const current = await visible(ctx, id);
  const { version, ...set } = patch;
  if (set.criteria !== undefined && current.kind === 'static') {
    throw AppError.conflict('criteria', 'cannot change: the selection is static (frozen); change its members instead', 'invalid');
  }
  await checkCriteria(ctx, set.criteria);
  const updated = await ctx.repos.selections.update(id, version, set);
  if (!updated) throw stale(version);
  return selectionView(updated);
}

export async function deleteSelection(ctx: UseCaseContext, id: string): Promise<void> {
  const current = await visible(ctx, id);
  if (!(await ctx.repos.selections.delete(current, current.version))) throw stale(current.version);
}

/** A dynamic selection becomes static with the members it has now. */
export async function freezeSelection(ctx: UseCaseContext, id: string, version: number): Promise<Selection> {
  const current = await visible(ctx, id);
  if (current.kind === 'static') throw AppError.conflict('kind', 'is static already: the selection is frozen', 'invalid');
  if (current.version !== version) throw stale(version);
  const members = (await selectionMembers(ctx, current)).map((o) => o.id);
  const frozen = await ctx.repos.selections.setMembers(current, version, members, { kind: 'static', frozenAt: ctx.now });
  if (!frozen) throw stale(version);
  return selectionView(frozen);
}

export async function changeMembers(ctx: UseCaseContext, id: string, change: z.output<typeof ChangeMembersSchema>): Promise<Selection> {
  const current = await visible(ctx, id);
  if (current.kind !== 'static') throw AppError.conflict('kind', 'is dynamic: its members follow its criteria; freeze it to change them by hand', 'invalid');
  if (current.version !== change.version) throw stale(change.version);
  await checkCustomers(ctx, change.add, 'add');
  const removed = new Set(change.remove);
  const next = [...(await ctx.repos.selections.members(current)).filter((m) => !removed.has(m)), ...change.add];
  const updated = await ctx.repos.selections.setMembers(current, change.version, next);
  if (!updated) throw stale(change.version);
  return selectionView(updated);
}

/**
 * The customers of a selection now, in name order: a dynamic one's found again (one over contacts:
 * those with a matching contact), a static one's that still exist.
 */
export async function selectionMembers(ctx: UseCaseContext, s: SelectionRecord): Promise<CustomerRow[]> {
  return (await resolve(ctx, s, false)).customers;
}

export interface SelectionContacts {
  /** The selection's customers, in name order. */
  customers: CustomerRow[];
  /** Its contacts, each of one of those customers, in name order: the matching ones of a selection over contacts, else every one. */
  contacts: ContactRecord[];
  /** Whether it has a contact criterion. */
  overContacts: boolean;
}

/** The contacts of a selection now, and its customers (see SelectionContacts). */
export async function selectionContacts(ctx: UseCaseContext, s: SelectionRecord): Promise<SelectionContacts> {
  const { customers, contacts } = await resolve(ctx, s, true);
  const customerName = new Map(customers.map((o) => [o.id, o.name]));
  const sorted = contacts!.sort((a, b) =>
    a.name.localeCompare(b.name, 'fi') || customerName.get(a.organizationId)!.localeCompare(customerName.get(b.organizationId)!, 'fi') || (a.id < b.id ? -1 : 1));
  return { customers, contacts: sorted, overContacts: hasContactCriteria(s.criteria) };
}

/**
 * A selection's customers and, when asked for or when the selection is over contacts, its contacts:
 * a dynamic selection over contacts keeps only the customers that have a matching contact.
 */
async function resolve(ctx: UseCaseContext, s: SelectionRecord, withContacts: boolean): Promise<{ customers: CustomerRow[]; contacts: ContactRecord[] | null }> {
  const customers = s.kind === 'dynamic' ? await dynamicMembers(ctx, s.criteria) : await staticMembers(ctx, s);
  const overContacts = hasContactCriteria(s.criteria);
  if (!overContacts && !withContacts) return { customers, contacts: null };
  const contacts = await matchingContactsOf(ctx, customers, overContacts ? await contactFilterOf(ctx, s.criteria) : { keep: () => true });
  if (!overContacts || s.kind === 'static') return { customers, contacts };
  const withMatch = new Set(contacts.map((c) => c.organizationId));
  return { customers: customers.filter((o) => withMatch.has(o.id)), contacts };
}

interface ContactFilter {
  keep: (c: ContactRecord) => boolean;
  /** The classification criterion and every classification under it. */
  classificationIds?: readonly string[];
}

async function contactFilterOf(ctx: UseCaseContext, c: SelectionCriteria): Promise<ContactFilter> {
  const classificationIds = c.contactClassification ? subtree(await ctx.repos.reference.get(), c.contactClassification) : undefined;
  return { keep: contactMatcher(c, classificationIds), classificationIds };
}

/**
 * A read by `_id` costs about as much as this many contacts of a pass over the collection (the
 * embedded engine, bench/selections.ts: 2,000 by `_id` took as long as a pass over 25,000).
 */
const PASS_PER_ID_READ = 12;

/**
 * The contacts of these customers that `keep` takes, read through the customers' contact lists (the
 * extended reference on each customer row): by `_id` when they are few beside all contacts, else in
 * one query over the contacts (the classification criterion in the query, where the database can use
 * its index) — never a read per customer, but for a customer whose list was never built.
 */
async function matchingContactsOf(ctx: UseCaseContext, customers: readonly CustomerRow[], { keep, classificationIds }: ContactFilter): Promise<ContactRecord[]> {
  const { contacts } = ctx.repos;
  const ofThese = new Set(customers.map((o) => o.id));
  const fits = (c: ContactRecord) => ofThese.has(c.organizationId) && keep(c);
  const listed = customers.reduce((n, o) => n + (o.contactIds?.length ?? 0), 0);
  if (listed * PASS_PER_ID_READ > (await contacts.estimatedCount())) {
    const found: ContactRecord[] = [];
    for await (const c of contacts.streamWhere({ classificationIds })) if (fits(c)) found.push(c);
    return found;
  }
  const byId = await contacts.getMany(customers.flatMap((o) => o.contactIds ?? []));
  const unlisted = await mapLimit(customers.filter((o) => o.contactIds === null), 8, (o) => contacts.ofCustomer(o.id));
  return [...byId, ...unlisted.flat()].filter(fits);
}

/** A static selection's customers that still exist, in name order. */
async function staticMembers(ctx: UseCaseContext, s: SelectionRecord): Promise<CustomerRow[]> {
  const ids = await ctx.repos.selections.members(s);
  if (ids.length > STREAM_ABOVE) {
    // Many members: one pass over the customers in name order beats thousands of reads by id (on
    // the embedded engine, ten times over: 10,000 members in about 2 s instead of 10).
    const { ref, rules } = await viewContext(ctx);
    const wanted = new Set(ids);
    const rows: CustomerRow[] = [];
    for await (const o of customersOfView(ctx, { sort: 'name', order: 'asc' }, ref, rules)) if (wanted.has(o.id)) rows.push(o);
    return rows;
  }
  const rows: CustomerRow[] = [];
  for (let i = 0; i < ids.length; i += 500) rows.push(...(await ctx.repos.customers.selectAmong(ids.slice(i, i + 500), {})));
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'fi') || a.id.localeCompare(b.id));
}

/** Above this many members, a static selection's customers are read in one pass rather than by id. */
const STREAM_ABOVE = 1_000;

export async function selectionMembersPage(ctx: UseCaseContext, id: string, q: z.output<typeof SelectionMembersQuerySchema>): Promise<SelectionMembersPage> {
  const s = await visible(ctx, id);
  const { ref, rules } = await viewContext(ctx);
  const rows = await selectionMembers(ctx, s);
  const start = (q.page - 1) * q.pageSize;
  const items: OrganizationListItem[] = rows.slice(start, start + q.pageSize).map((o) => listItem(ctx, o, ref, rules));
  return { items, page: q.page, pageSize: q.pageSize, hasMore: rows.length > start + q.pageSize, total: rows.length };
}

/** `GET /selections/:id/contacts`: a page of the selection's contacts in name order (the same query as members). */
export async function selectionContactsPage(ctx: UseCaseContext, id: string, q: z.output<typeof SelectionMembersQuerySchema>): Promise<SelectionContactsPage> {
  const { customers, contacts, overContacts } = await selectionContacts(ctx, await visible(ctx, id));
  const customerName = new Map(customers.map((o) => [o.id, o.name]));
  const start = (q.page - 1) * q.pageSize;
  const items = contacts.slice(start, start + q.pageSize).map((c) => ({
    id: c.id, name: c.name, title: c.title, organizationId: c.organizationId, organizationName: customerName.get(c.organizationId) ?? '',
    email: c.emails[0] ?? null, language: c.language, marketingConsent: c.marketingConsent,
  }));
  return { items, page: q.page, pageSize: q.pageSize, hasMore: contacts.length > start + q.pageSize, total: contacts.length, overContacts };
}

async function dynamicMembers(ctx: UseCaseContext, criteria: SelectionCriteria): Promise<CustomerRow[]> {
  const { ref, rules } = await viewContext(ctx);
  const rows: CustomerRow[] = [];
  for await (const o of customersOfView(ctx, { ...criteria, sort: 'name', order: 'asc' }, ref, rules)) {
    if (meetsActivity(o.lastActionAt, criteria, ctx.settings.timeZone)) rows.push(o);
  }
  if (criteria.hasOpenOpportunity === undefined) return rows;
  const withOpen = await customersWithOpenOpportunities(ctx, rows.map((o) => o.id));
  return rows.filter((o) => withOpen.has(o.id) === criteria.hasOpenOpportunity);
}

/** Which of these customers have an open opportunity: their opportunity lists, then those opportunities, by `_id`. */
async function customersWithOpenOpportunities(ctx: UseCaseContext, organizationIds: readonly string[]): Promise<Set<string>> {
  const { repos } = ctx;
  const listed = await repos.opportunities.idsOfCustomers(organizationIds);
  const opportunities = await repos.opportunities.getMany([...new Set([...listed.values()].flat())]);
  return new Set(opportunities.filter((o) => !isClosedStage(o.stage)).map((o) => o.organizationId));
}

/** The file name of a selection's export: its name made safe for a file system (and what the file holds, when not its customers). */
const fileNameOf = (s: SelectionRecord, ext: string, what?: string) =>
  `${s.name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'selection'}${what ? `-${what}` : ''}.${ext}`;

/** A selection's members as CSV, written to `out` (the customer export's columns). */
export async function exportSelectionCsv(ctx: UseCaseContext, id: string, headers: 'en' | 'fi', start: (fileName: string) => Writable): Promise<number> {
  const s = await visible(ctx, id);
  const rows = await selectionMembers(ctx, s);
  return exportCustomerRows(ctx, rows, headers, start(fileNameOf(s, 'csv')));
}

/** A selection's members as an Excel workbook. */
export async function exportSelectionXlsx(ctx: UseCaseContext, id: string, headers: 'en' | 'fi'): Promise<{ fileName: string; xlsx: Buffer }> {
  const s = await visible(ctx, id);
  const rows = await selectionMembers(ctx, s);
  return { fileName: fileNameOf(s, 'xlsx'), xlsx: await customerRowsXlsx(ctx, rows, headers, s.name) };
}

/** A selection's contacts as CSV, written to `out` (the contact export's columns, their language and consent). */
export async function exportSelectionContactsCsv(ctx: UseCaseContext, id: string, headers: 'en' | 'fi', start: (fileName: string) => Writable): Promise<number> {
  const s = await visible(ctx, id);
  const { customers, contacts } = await selectionContacts(ctx, s);
  return exportSelectionContactRows(ctx, contacts, new Map(customers.map((o) => [o.id, o])), headers, start(fileNameOf(s, 'csv', 'contacts')));
}

/** A selection's contacts as an Excel workbook. */
export async function exportSelectionContactsXlsx(ctx: UseCaseContext, id: string, headers: 'en' | 'fi'): Promise<{ fileName: string; xlsx: Buffer }> {
  const s = await visible(ctx, id);
  const { customers, contacts } = await selectionContacts(ctx, s);
  return { fileName: fileNameOf(s, 'xlsx', 'contacts'), xlsx: await selectionContactsXlsx(ctx, contacts, new Map(customers.map((o) => [o.id, o])), headers, s.name) };
}

/**
 * Members per step of a list operation: each step is one update of many customers (on the embedded
 * engine a statement that decodes the whole collection once, so few large steps), or one insert of
 * that many tasks; progress is told after each.
 */
const CUSTOMER_STEP = 2_500;
const TASK_STEP = 500;

/**
 * Hands every member over to a responsible and/or backup account manager, provided the selection
 * still has the count the user confirmed: one update of many customers per step, and only where a
 * manager differs. Nobody is left both responsible and backup of a customer (that backup is emptied).
 */
export async function assignSelectionManagers(ctx: UseCaseContext, id: string, input: z.output<typeof AssignSelectionManagersSchema>, onProgress?: OnProgress) {
  const { repos } = ctx;
  await assertUsersExist(repos, { responsibleId: input.responsibleId, backupId: input.backupId });
  const members = await confirmedMembers(ctx, id, input.expectedCount);
  const fields: { responsibleId?: string | null; backupId?: string | null } = {};
  if (input.responsibleId !== undefined) fields.responsibleId = input.responsibleId ?? null;
  if (input.backupId !== undefined) fields.backupId = input.backupId ?? null;
  const attempted: string[] = [];
  const result = { matched: 0, changed: 0 };
  return withFinish(
    () => inSteps(members, CUSTOMER_STEP, result, async (part) => {
      const ids = part.map((o) => o.id);
      attempted.push(...ids);
      const { changed } = await repos.customers.setManagers(ids, fields);
      // the members were read just now: each is matched, whether it changed or had the manager already
      result.matched += ids.length;
      result.changed += changed;
    }, onProgress),
    // Once, not per step (each would decode the collection on the embedded engine): whoever is now
    // both responsible and backup of a customer is no longer its backup; then the desks of everyone
    // concerned learn of every customer that may have changed.
    async () => {
      if (attempted.length === 0) return;
      for (const who of new Set([input.responsibleId, input.backupId])) if (who) await repos.customers.clearSelfBackup(who);
      await customersChangedInBulk(repos, { ids: attempted });
    },
    () => allDone(members, result),
  );
}

/** The task an operation makes on a customer: the same `_id` on every try of that operation. */
const operationTaskId = (operationId: string, organizationId: string) =>
  createHash('sha256').update(`${operationId}:${organizationId}`).digest('hex').slice(0, 24);

/**
 * A follow-up task on every member, many inserted at once. Each task's `_id` comes from the
 * operation and the customer, so a retry of the same operation (after a failure, or a lost answer)
 * makes only the tasks still missing; those an earlier try made are counted as existing, and their
 * lists put in step again in case that try stopped in between. The customers' lists follow each
 * step; the assignees' lists are written once at the end (also after a stop), so a desk counts the
 * new tasks once the operation is through.
 */
export async function createSelectionTasks(ctx: UseCaseContext, id: string, input: z.output<typeof SelectionTasksSchema>, onProgress?: OnProgress): Promise<SelectionTasksResult> {
  const { repos } = ctx;
  const members = await confirmedMembers(ctx, id, input.expectedCount);
  const ref = await repos.reference.get();
  const me = personRef(ctx.user);
  const assigneeOf = (o: CustomerRow) => {
    const responsible = input.assignTo === 'responsible' && o.responsibleId ? ref.users.get(o.responsibleId) : undefined;
    return responsible && (responsible.role === 'account_manager' || responsible.role === 'admin') ? personRef(responsible) : me;
  };
  const result: SelectionTasksResult = { created: 0, existing: 0, failed: [] };
  const listed: TaskRecord[] = [];
  return withFinish(
    () => inSteps(members, TASK_STEP, result, async (part) => {
      const { created, taken } = await repos.tasks.insertManyIfAbsent(part.map((o) => ({
        id: operationTaskId(input.operationId, o.id), title: input.title, note: input.note ?? null, organizationId: o.id, organizationName: o.name,
        contactIds: [], dueOn: input.dueOn, assignee: assigneeOf(o), createdBy: me,
      })));
      // the tasks onto their customers' lists together (one insert of the lists that do not exist
      // yet), those an earlier try made too, in case it stopped before its lists
      const made = [...created, ...(taken.length > 0 ? await repos.tasks.getMany(taken) : [])];
      await repos.tasks.listNew(made, 'customers');
      listed.push(...made);
      result.created += created.length;
      result.existing += taken.length;
    }, onProgress),
    // the assignees' lists once for the whole operation (each update rewrites a list of thousands of
    // entries on the embedded engine); a retry puts the tasks of a try that stopped there
    () => repos.tasks.listNew(listed, 'assignees'),
    () => allDone(members, result),
  );
}

/** The members now, once the count the user confirmed still holds (409 naming `expectedCount` otherwise). */
async function confirmedMembers(ctx: UseCaseContext, id: string, expectedCount: number): Promise<CustomerRow[]> {
  const members = await selectionMembers(ctx, await visible(ctx, id));
  if (members.length !== expectedCount) {
    throw AppError.conflict('expectedCount', `is ${expectedCount}, but the selection has ${members.length} customers now: look at it again and confirm that count`, 'invalid');
  }
  return members;
}

/**
 * Applies `change` to each member, eight at a time; a member that fails is reported with the
 * reason and the rest go on, so the answer says exactly which were done.
 */
async function eachMember(members: readonly CustomerRow[], change: (o: CustomerRow) => Promise<boolean>): Promise<SelectionChangeResult> {
  const result: SelectionChangeResult = { changed: 0, unchanged: 0, failed: [] };
  await mapLimit(members, 8, async (o) => {
    try {
      if (await change(o)) result.changed++;
      else result.unchanged++;
    } catch (err) {
      result.failed.push({ organizationId: o.id, name: o.name, reason: err instanceof Error ? err.message : String(err) });
    }
  });
  return result;
}

/**
 * A step's count: `changed` of these members were written; when fewer than the read said needed it,
 * those that no longer exist are named as failed (the rest were so already).
 */
async function counted(ctx: UseCaseContext, part: readonly CustomerRow[], needed: number, changed: number, result: SelectionChangeResult): Promise<void> {
  const existing = changed < needed ? await ctx.repos.customers.existing(part.map((o) => o.id)) : null;
  const failed = existing ? part.filter((o) => !existing.has(o.id)).map((o) => ({ organizationId: o.id, name: o.name, reason: 'the customer no longer exists' })) : [];
  result.changed += changed;
  result.unchanged += part.length - changed - failed.length;
  result.failed.push(...failed);
}

/**
 * `POST /selections/:id/segment`: the members to the segment, one update of many customers per step
 * (those in it already untouched); their search entries and desks follow, as after an edit.
 */
export async function changeSelectionSegment(ctx: UseCaseContext, id: string, input: z.output<typeof SelectionSegmentSchema>, onProgress?: OnProgress): Promise<SelectionChangeResult> {
  const { repos } = ctx;
  const members = await confirmedMembers(ctx, id, input.expectedCount);
  const result: SelectionChangeResult = { changed: 0, unchanged: 0, failed: [] };
  const touched: string[] = [];
  // the contacts of every member to change, read once after the first write (see customersRekeyed)
  let contacts: Promise<Map<string, ContactText[]>> | undefined;
  return withFinish(
    () => inSteps(members, CUSTOMER_STEP, result, async (part) => {
      // every member tried, changed or not: a run after a stop tells the desks of those the stopped one changed
      touched.push(...part.map((o) => o.id));
      const needed = part.filter((o) => o.segment !== input.segment);
      if (needed.length === 0) return counted(ctx, part, 0, 0, result);
      const changed = await repos.customers.setSegmentOf(part.map((o) => o.id), input.segment);
      contacts ??= contactsOfCustomers(repos, members.filter((o) => o.segment !== input.segment).map((o) => o.id));
      await customersRekeyed(repos, needed.map((o) => ({ ...o, segment: input.segment })), await contacts);
      await counted(ctx, part, needed.length, changed, result);
    }, onProgress),
    () => customersChangedInBulk(repos, { ids: touched }),
    () => allDone(members, result),
  );
}

/**
 * `POST /selections/:id/classifications`: classifications added to (`$addToSet`) and removed from
 * (`$pullAll`) the members, one update of many customers per step, never a list written back; a
 * change that both adds and removes goes customer by customer, so that each is counted once.
 */
export async function changeSelectionClassifications(ctx: UseCaseContext, id: string, input: z.output<typeof SelectionClassificationsSchema>, onProgress?: OnProgress): Promise<SelectionChangeResult> {
  await assertClassificationsExist(ctx.repos, 'add', input.add, 'organization');
  const members = await confirmedMembers(ctx, id, input.expectedCount);
  const result: SelectionChangeResult = { changed: 0, unchanged: 0, failed: [] };
  if (input.add.length > 0 && input.remove.length > 0) {
    return inSteps(members, TASK_STEP, result, async (part) => {
      const r = await eachMember(part, async (o) => {
        const changed = await ctx.repos.customers.changeClassifications(o.id, input.add, input.remove);
        if (changed === null) throw new Error('the customer no longer exists');
        return changed;
      });
      result.changed += r.changed;
      result.unchanged += r.unchanged;
      result.failed.push(...r.failed);
    }, onProgress);
  }
  return inSteps(members, CUSTOMER_STEP, result, async (part) => {
    const needed = part.filter((o) => input.add.some((c) => !o.classificationIds.includes(c)) || input.remove.some((c) => o.classificationIds.includes(c))).length;
    const changed = needed === 0 ? 0 : await ctx.repos.customers.changeClassificationsOf(part.map((o) => o.id), input.add, input.remove);
    await counted(ctx, part, needed, changed, result);
  }, onProgress);
}
