/**
 * Merging duplicate customers or contacts into one, keeping every action, address, domain and
 * external ID, with a merge record that keeps the merged records as they were.
 *
 * Without transactions the steps are ordered so that nothing is ever lost and a repeated
 * request finishes an interrupted one: unique keys change owner first (so the kept record owns
 * them before anything else moves), then the kept record takes the merged fields and planned
 * actions, then contacts (with their address keys), the claims of logged mail, the actions and the
 * follow-up tasks (open and done, with their task lists) move, then the record is written, and only
 * then are the duplicates deleted (with their timeline buckets, once the kept customer's are rebuilt
 * from the moved actions, and their task lists). The desks of everyone who looked after any of them
 * are refreshed by one bulk change (./desk); an assignee's desk counts a moved open task on the kept
 * customer, since it reads each listed task's customer from the task itself. A mail logged on a
 * merged customer stays logged once: its claim moves to the kept customer, so logging it there again answers
 * `created: false`. Two different business IDs or external IDs of one kind cannot both be kept:
 * such a merge is refused (409) until one is corrected.
 */
import type { MergeRequest, MergeResult } from '../../shared/contract-admin';
import type { ActionKind } from '../../shared/domain/codes';
import { AppError } from '../errors';
import type { UseCaseContext } from './context';
import { contactChanged, contactsMoved, customerChanged } from './customerReadModels';
import { meetingClaimKey, type ContactRecord, type CustomerRecord, type KeyRef, type MergeRecord } from '../persistence/repositories';
import { rebuildActionViews } from './recordAction';
import { personRef } from './views';
import { customersChangedInBulk } from './desk';
import { moveOpportunitiesToCustomer } from './opportunities';
import { moveTasksToCustomer } from './tasks';

type Input = { keepId: string; mergeIds: string[]; note?: string | undefined } & Omit<MergeRequest, 'keepId' | 'mergeIds' | 'note'>;

function loadAll<T extends { id: string }>(records: T[], input: Input, what: string) {
  const byId = new Map(records.map((d) => [d.id, d]));
  const missing = [input.keepId, ...input.mergeIds].filter((id) => !byId.has(id));
  if (missing.length > 0) throw AppError.notFound(`${what} ${missing.join(', ')}`);
  return { keep: byId.get(input.keepId)!, merged: input.mergeIds.map((id) => byId.get(id)!) };
}

const union = <T>(lists: readonly (readonly T[])[]): T[] => [...new Set(lists.flat())];

function single(field: string, values: (string | null | undefined)[]): string | null {
  const distinct = [...new Set(values.filter((v): v is string => !!v))];
  if (distinct.length > 1) throw AppError.conflict(field, `differs between the records (${distinct.join(', ')}): correct it on one of them first`, 'invalid');
  return distinct[0] ?? null;
}

const firstOf = <R, T>(all: readonly R[], pick: (r: R) => T | null | undefined): T | null => all.map(pick).find((v) => v !== null && v !== undefined) ?? null;

function result(rec: MergeRecord): MergeResult {
  return { mergeId: rec.id, keptId: rec.keptId, mergedIds: rec.mergedIds, moved: rec.moved };
}

/** What a merge record keeps of a merged customer: everything but its copies of actions. */
function asMerged({ recentActions: _r, ...rest }: CustomerRecord): Record<string, unknown> {
  return rest;
}

export async function mergeOrganizations(ctx: UseCaseContext, input: Input): Promise<MergeResult> {
  const { repos } = ctx;
  const { keep, merged } = loadAll(await repos.customers.getMany([input.keepId, ...input.mergeIds]), input, 'No customer has the id');
  const all = [keep, ...merged];
  const businessId = single('businessId', all.map((o) => o.businessId));
  const top = single('externalIds.top', all.map((o) => o.externalIds.top));
  const profinder = single('externalIds.profinder', all.map((o) => o.externalIds.profinder));

  const keys = merged.flatMap((m) => [
    ...m.emailDomains.map((value) => ({ kind: 'domain' as const, value, from: m.id })),
    ...(m.businessId ? [{ kind: 'businessId' as const, value: m.businessId, from: m.id }] : []),
    ...(m.externalIds.top ? [{ kind: 'top' as const, value: m.externalIds.top, from: m.id }] : []),
    ...(m.externalIds.profinder ? [{ kind: 'profinder' as const, value: m.externalIds.profinder, from: m.id }] : []),
  ]);
  const movedKeys = await repos.keys.move(keys, keep.id);

  const responsibleId = firstOf(all, (o) => o.responsibleId);
  const backupId = all.map((o) => o.backupId).find((b) => b && b !== responsibleId) ?? null;
  const lastActionAt: Partial<Record<ActionKind, Date>> = {};
  for (const o of merged) {
    for (const [kind, at] of Object.entries(o.lastActionAt) as [ActionKind, Date][]) {
      if (!lastActionAt[kind] || lastActionAt[kind]! < at) lastActionAt[kind] = at;
    }
  }
  await repos.customers.absorb(
    keep.id,
    {
      businessId,
      externalIds: { ...(top ? { top } : {}), ...(profinder ? { profinder } : {}) },
      emailDomains: union(all.map((o) => o.emailDomains)),
      classificationIds: union(all.map((o) => o.classificationIds)),
      responsibleId,
      backupId,
      department: firstOf(all, (o) => o.department),
    },
    lastActionAt,
  );
  await customerChanged(repos, keep, { ...keep, businessId, emailDomains: union(all.map((o) => o.emailDomains)) });
  // Still to come on a duplicate: planned on the kept customer, counted there once its time has passed (and folded).
  const plannedActions = await repos.customers.takePlanned(keep.id, merged.flatMap((m) => m.plannedActions));

  const moved = { actions: 0, contacts: 0, keys: movedKeys, tasks: 0, plannedActions };
  const kept = { id: keep.id, name: keep.name };
  // Moves what is on the duplicate now. Run again after the duplicate is deleted: a contact or mail
  // written on it while the merge ran is moved then; one written after that finds it gone (422).
  const sweep = async (m: CustomerRecord) => {
    const theirContacts = await repos.contacts.ofCustomer(m.id);
    moved.contacts += await repos.contacts.moveAll(m.id, keep.id);
    for (const c of theirContacts) await repos.keys.setOrganization(c.id, c.emails, keep.id);
    await contactsMoved(repos, theirContacts, keep.id);
    const mails = await repos.actions.mailOfCustomer(m.id);
    for (const mail of mails) await repos.mailLogs.moveCustomer(mail.internetMessageId!, m.id, keep.id);
    // A tracked conversation's mails are logged on the customer it is tracked for: the tracking moves with them.
    for (const conversationId of new Set(mails.flatMap((a) => (a.conversationId ? [a.conversationId] : [])))) {
      await repos.trackedConversations.moveCustomer(conversationId, m.id, kept);
    }
    // A meeting's claim by its current key moves too (its earlier keys and mailbox aliases stay: docs/outlook-integration.md).
    for (const key of await repos.actions.meetingKeysOfCustomer(m.id)) await repos.mailLogs.moveCustomer(meetingClaimKey(key), m.id, keep.id);
    moved.actions += await repos.actions.moveCustomer(m.id, keep.id);
    moved.tasks += await moveTasksToCustomer(repos, m.id, kept);
    await moveOpportunitiesToCustomer(repos, m.id, kept);
  };
  for (const m of merged) await sweep(m);
  await rebuildActionViews(repos, keep.id);
  for (const m of merged) await repos.timeline.drop(m.id);
  const rec = await repos.merges.record({
    kind: 'organization', keptId: keep.id, mergedIds: merged.map((m) => m.id), merged: merged.map(asMerged),
    moved, note: input.note ?? null, by: personRef(ctx.user), at: ctx.now,
  });
  for (const m of merged) {
    await repos.customers.delete(m.id);
    await customerChanged(repos, m, null);
  }
  const before = moved.actions + moved.contacts;
  for (const m of merged) await sweep(m);
  if (moved.actions + moved.contacts > before) await rebuildActionViews(repos, keep.id);
  for (const m of merged) await repos.tasks.dropCustomerList(m.id);
  await customersChangedInBulk(repos, { ids: [keep.id, ...merged.map((m) => m.id)] });
  return result(rec);
}

export async function mergeContacts(ctx: UseCaseContext, input: Input): Promise<MergeResult> {
  const { repos } = ctx;
  const { keep, merged } = loadAll<ContactRecord>(await repos.contacts.getMany([input.keepId, ...input.mergeIds]), input, 'No contact has the id');
  const all = [keep, ...merged];
  const emailKeys: (KeyRef & { from: string })[] = merged.flatMap((m) => m.emails.map((value) => ({ kind: 'email' as const, value, from: m.id })));
  const movedKeys = await repos.keys.move(emailKeys, keep.id, keep.organizationId);
  const keptAfter = await repos.contacts.update(keep.id, {
    emails: union(all.map((c) => c.emails)),
    phone: firstOf(all, (c) => c.phone),
    title: firstOf(all, (c) => c.title),
    classificationIds: union(all.map((c) => c.classificationIds)),
  });
  let actions = 0;
  for (const m of merged) actions += await repos.actions.replaceContact(m.id, keep.id);
  if (keptAfter) await contactChanged(repos, keep, keptAfter);
  for (const orgId of new Set(all.map((c) => c.organizationId))) await rebuildActionViews(repos, orgId);
  const rec = await repos.merges.record({
    kind: 'contact', keptId: keep.id, mergedIds: merged.map((m) => m.id), merged: merged.map((m) => ({ ...m })),
    moved: { actions, contacts: 0, keys: movedKeys, tasks: 0, plannedActions: 0 }, note: input.note ?? null, by: personRef(ctx.user), at: ctx.now,
  });
  for (const m of merged) {
    await repos.contacts.delete(m.id);
    await contactChanged(repos, m, null);
  }
  return result(rec);
}

export async function listMerges(ctx: UseCaseContext, limit: number) {
  return (await ctx.repos.merges.latest(limit)).map((d) => ({
    id: d.id, kind: d.kind, keptId: d.keptId, mergedIds: d.mergedIds, merged: d.merged, moved: d.moved, note: d.note, by: d.by, at: d.at.toISOString(),
  }));
}
