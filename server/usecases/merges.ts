/**
 * Merging duplicate customers or contacts into one, keeping every action, address, domain and
 * external ID, with a merge record that keeps the merged records as they were.
 *
 * Without transactions the steps are ordered so that nothing is ever lost and a repeated
 * request finishes an interrupted one: unique keys change owner first (so the kept record owns
 * them before anything else moves), then the kept record takes the merged fields, then
 * contacts and actions move, then the record is written, and only then are the duplicates
 * deleted. Two different business IDs or external IDs of one kind cannot both be kept: such a
 * merge is refused (409) until one is corrected.
 */
import { Types } from 'mongoose';
import type { MergeRecordDoc } from '../persistence/customerDataModels';
import type { MergeRequest, MergeResult } from '../../shared/contract-admin';
import { ACTION_KINDS } from '../../shared/domain/codes';
import { AppError } from '../errors';
import type { ContactDoc, Models, OrganizationDoc, UniqueKeyKind } from '../persistence/models';
import { findByIds, keyId, RECENT_ACTIONS, snapshotOf } from '../persistence/store';
import { idOf, personRef } from '../persistence/views';
import type { UseCaseContext } from './context';

type Input = { keepId: string; mergeIds: string[]; note?: string | undefined } & Omit<MergeRequest, 'keepId' | 'mergeIds' | 'note'>;

async function loadAll<T extends { _id: Types.ObjectId }>(models: Models, model: typeof models.Contact | typeof models.Organization, input: Input, what: string) {
  const ids = [input.keepId, ...input.mergeIds];
  const docs = await findByIds<T>(model as never, ids.map((id) => new Types.ObjectId(id)));
  const byId = new Map(docs.map((d) => [idOf(d._id), d]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0) throw AppError.notFound(`${what} ${missing.join(', ')}`);
  return { keep: byId.get(input.keepId)!, merged: input.mergeIds.map((id) => byId.get(id)!) };
}

/** Moves keys from the duplicates to the kept record, one `{_id}` update each; returns how many moved. */
async function moveKeys(models: Models, to: Types.ObjectId, keys: { kind: UniqueKeyKind; value: string; from: Types.ObjectId }[]): Promise<number> {
  let moved = 0;
  for (const k of keys) {
    const res = await models.UniqueKey.updateOne({ _id: keyId(k.kind, k.value), ownerId: k.from }, { $set: { ownerId: to } });
    moved += res.modifiedCount;
  }
  return moved;
}

const union = <T>(lists: readonly (readonly T[] | undefined)[], key: (x: T) => string = String): T[] => {
  const out = new Map<string, T>();
  for (const list of lists) for (const x of list ?? []) if (!out.has(key(x))) out.set(key(x), x);
  return [...out.values()];
};

function single(field: string, values: (string | null | undefined)[]): string | null {
  const distinct = [...new Set(values.filter((v): v is string => !!v))];
  if (distinct.length > 1) throw AppError.conflict(field, `differs between the records (${distinct.join(', ')}): correct it on one of them first`);
  return distinct[0] ?? null;
}

/** The customer's newest actions, as the lookup shows them, from the actions themselves. */
async function refreshRecentActions(models: Models, organizationId: Types.ObjectId): Promise<void> {
  const docs = await models.Action.find({ organizationId }, { participants: 0 }).sort({ occurredAt: -1, _id: -1 }).limit(RECENT_ACTIONS).lean();
  await models.Organization.updateOne({ _id: organizationId }, { $set: { recentActions: docs.map(snapshotOf) } }, { timestamps: false });
}

async function record(ctx: UseCaseContext, kind: 'organization' | 'contact', keep: Types.ObjectId, merged: Record<string, unknown>[], moved: MergeResult['moved'], note?: string): Promise<MergeRecordDoc> {
  const doc = await ctx.models.MergeRecord.create({
    kind,
    keptId: keep,
    mergedIds: merged.map((m) => m._id as Types.ObjectId),
    merged,
    moved,
    note: note ?? null,
    by: personRef(ctx.user),
    at: ctx.now,
  });
  return doc.toObject() as MergeRecordDoc;
}

export async function mergeOrganizations(ctx: UseCaseContext, input: Input): Promise<MergeResult> {
  const { models } = ctx;
  const { keep, merged } = await loadAll<OrganizationDoc>(models, models.Organization, input, 'No customer has the id');
  const all = [keep, ...merged];
  const businessId = single('businessId', all.map((o) => o.businessId));
  const top = single('externalIds.top', all.map((o) => o.externalIds?.top));
  const profinder = single('externalIds.profinder', all.map((o) => o.externalIds?.profinder));

  const keys = merged.flatMap((m) => [
    ...(m.emailDomains ?? []).map((value) => ({ kind: 'domain' as const, value, from: m._id })),
    ...(m.businessId ? [{ kind: 'businessId' as const, value: m.businessId, from: m._id }] : []),
    ...(m.externalIds?.top ? [{ kind: 'top' as const, value: m.externalIds.top, from: m._id }] : []),
    ...(m.externalIds?.profinder ? [{ kind: 'profinder' as const, value: m.externalIds.profinder, from: m._id }] : []),
  ]);
  const movedKeys = await moveKeys(models, keep._id, keys);

  const firstOf = <T>(pick: (o: OrganizationDoc) => T | null | undefined) => all.map(pick).find((v) => v !== null && v !== undefined) ?? null;
  const responsibleId = firstOf((o) => o.responsibleId);
  const backupId = all.map((o) => o.backupId).find((b) => b && !(responsibleId && b.equals(responsibleId))) ?? null;
  const externalIds: Record<string, string> = {};
  if (top) externalIds.top = top;
  if (profinder) externalIds.profinder = profinder;
  const max: Record<string, Date> = {};
  for (const kind of ACTION_KINDS) {
    const dates = all.map((o) => (o.lastActionAt as Record<string, Date | undefined> | undefined)?.[kind]).filter((d): d is Date => !!d);
    if (dates.length) max[`lastActionAt.${kind}`] = new Date(Math.max(...dates.map((d) => d.getTime())));
  }
  await models.Organization.updateOne(
    { _id: keep._id },
    {
      $set: {
        businessId,
        externalIds,
        emailDomains: union(all.map((o) => o.emailDomains)),
        classificationIds: union(all.map((o) => o.classificationIds), idOf),
        responsibleId,
        backupId,
        department: firstOf((o) => o.department),
      },
      ...(Object.keys(max).length ? { $max: max } : {}),
    },
  );

  let contacts = 0;
  let actions = 0;
  for (const m of merged) {
    contacts += (await models.Contact.updateMany({ organizationId: m._id }, { $set: { organizationId: keep._id } })).modifiedCount;
    actions += (await models.Action.updateMany({ organizationId: m._id }, { $set: { organizationId: keep._id } })).modifiedCount;
  }
  await refreshRecentActions(models, keep._id);
  const moved = { actions, contacts, keys: movedKeys };
  const rec = await record(ctx, 'organization', keep._id, merged.map(({ recentActions: _r, ...rest }) => rest as Record<string, unknown>), moved, input.note);
  await models.Organization.deleteMany({ _id: { $in: merged.map((m) => m._id) } });
  return { mergeId: idOf(rec._id), keptId: idOf(keep._id), mergedIds: merged.map((m) => idOf(m._id)), moved };
}

export async function mergeContacts(ctx: UseCaseContext, input: Input): Promise<MergeResult> {
  const { models } = ctx;
  const { keep, merged } = await loadAll<ContactDoc>(models, models.Contact, input, 'No contact has the id');
  const all = [keep, ...merged];
  const movedKeys = await moveKeys(models, keep._id, merged.flatMap((m) => (m.emails ?? []).map((value) => ({ kind: 'email' as const, value, from: m._id }))));
  const firstOf = <T>(pick: (c: ContactDoc) => T | null | undefined) => all.map(pick).find((v) => v !== null && v !== undefined) ?? null;
  await models.Contact.updateOne(
    { _id: keep._id },
    {
      $set: {
        emails: union(all.map((c) => c.emails)),
        phone: firstOf((c) => c.phone),
        title: firstOf((c) => c.title),
        classificationIds: union(all.map((c) => c.classificationIds), idOf),
      },
    },
  );
  let actions = 0;
  for (const m of merged) {
    // Two steps, each safe to repeat: name the kept contact on the actions, then drop the duplicate.
    actions += (await models.Action.updateMany({ contactIds: m._id }, { $addToSet: { contactIds: keep._id } })).matchedCount;
    await models.Action.updateMany({ contactIds: m._id }, { $pull: { contactIds: m._id } });
  }
  for (const orgId of new Set(all.map((c) => idOf(c.organizationId)))) await refreshRecentActions(models, new Types.ObjectId(orgId));
  const moved = { actions, contacts: 0, keys: movedKeys };
  const rec = await record(ctx, 'contact', keep._id, merged as unknown as Record<string, unknown>[], moved, input.note);
  await models.Contact.deleteMany({ _id: { $in: merged.map((m) => m._id) } });
  return { mergeId: idOf(rec._id), keptId: idOf(keep._id), mergedIds: merged.map((m) => idOf(m._id)), moved };
}

export async function listMerges(ctx: UseCaseContext, limit: number) {
  const docs = await ctx.models.MergeRecord.find().sort({ at: -1, _id: -1 }).limit(limit).lean();
  return docs.map((d) => ({
    id: idOf(d._id),
    kind: d.kind,
    keptId: idOf(d.keptId),
    mergedIds: d.mergedIds.map(idOf),
    merged: (d.merged ?? []) as Record<string, unknown>[],
    moved: { actions: d.moved?.actions ?? 0, contacts: d.moved?.contacts ?? 0, keys: d.moved?.keys ?? 0 },
    note: d.note ?? null,
    by: { id: idOf(d.by.id), name: d.by.name ?? '', email: d.by.email ?? '' },
    at: d.at.toISOString(),
  }));
}
