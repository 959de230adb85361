/**
 * Unique keys (contact addresses, customer mail domains, business IDs, external IDs): one
 * document per key in `unique_keys`, `_id` = `<kind>:<value>`, so uniqueness rests on the `_id`
 * index that every engine enforces.
 *
 * Why each write is safe with several instances:
 * - claim: an insert with the deterministic `_id`; of two concurrent claims exactly one inserts.
 * - take-over of a key whose owner does not exist (a write that died between claiming its keys and
 *   writing its record): a compare-and-set on the holder (`where: {ownerId: holder}`), and only once
 *   the key is older than CLAIM_GRACE_MS, so a key that a concurrent create has just claimed (and
 *   whose record it is about to write) is never taken from it.
 * - release and move: compare-and-set on the owner, so a key that changed hands is left alone.
 * - the contact's customer kept on an address key (`organizationId`): `$set` by `_id` and owner,
 *   written by the contact's own writes after the contact.
 */
import type { Models, UniqueKeyDoc, UniqueKeyKind } from '../models';
import { isDuplicateKeyError, type Engine } from '../engine';
import { oid, oidOrNull, str } from './records';
import { AppError } from '../../errors';

export const keyId = (kind: UniqueKeyKind, value: string): string => `${kind}:${value}`;

/** A write that claims keys then writes its record finishes well within this; an older orphan key is free. */
export const CLAIM_GRACE_MS = 60_000;

export interface KeyClaim {
  kind: UniqueKeyKind;
  value: string;
  /** The request field that carries the value, named in a 409. */
  field: string;
}

export type KeyRef = Pick<KeyClaim, 'kind' | 'value'>;

export interface KeyOwner {
  ownerId: string;
  /** For an address: the contact's customer, where known. */
  organizationId: string | null;
}

export interface UniqueKeyRepository {
  /** The owners of keys, by `<kind>:<value>`. */
  ownersOf(keys: readonly KeyRef[]): Promise<Map<string, KeyOwner>>;
  /**
   * Every key of the given kinds with its owner, in one sequential read of the collection (an import
   * judges a whole file against them: on FerretDB's SQLite backend only `_id` equality is answered
   * from an index, so one pass beats per-row look-ups by far; on MongoDB it costs little).
   */
  allOfKinds(kinds: readonly UniqueKeyKind[]): AsyncIterable<{ key: string; ownerId: string }>;
  /**
   * Reserves keys for an owner. A key held by another live record is a 409 naming the field;
   * on a conflict every key this call reserved is released again.
   */
  claim(ownerId: string, claims: readonly KeyClaim[], opts?: { organizationId?: string | null; now?: Date }): Promise<void>;
  /** Reserves keys for many owners at once (imports); returns, by position, the claims that another record holds. */
  claimMany(claims: readonly { ownerId: string; claim: KeyClaim; organizationId?: string | null }[], now?: Date): Promise<number[]>;
  release(ownerId: string, keys: readonly KeyRef[]): Promise<void>;
  /** Gives keys of `from` to `to`; returns how many moved. */
  move(keys: readonly (KeyRef & { from: string })[], to: string, organizationId?: string | null): Promise<number>;
  /** Notes a contact's new customer on its address keys. */
  setOrganization(ownerId: string, emails: readonly string[], organizationId: string): Promise<void>;
}

export function uniqueKeyRepository(models: Models, engine: Engine): UniqueKeyRepository {
  const { UniqueKey } = models;

  async function ownerExists(kind: UniqueKeyKind, ownerId: string): Promise<boolean> {
    const model = kind === 'email' ? models.Contact : models.Organization;
    return (await engine.findByIds(model, [oid(ownerId)], { _id: 1 })).length > 0;
  }

  async function release(ownerId: string, keys: readonly KeyRef[]): Promise<void> {
    await Promise.all(keys.map((k) => engine.deleteById(UniqueKey, keyId(k.kind, k.value), { ownerId: oid(ownerId) })));
  }

  /** Takes a key whose claim failed: `ours` already (nothing to give back on a conflict), `taken` from an old orphan, or null. */
  async function takeOver(_id: string, kind: UniqueKeyKind, ownerId: string, organizationId: string | null, now: Date): Promise<'ours' | 'taken' | null> {
    const [holder] = await engine.findByIds<UniqueKeyDoc & { organizationId?: unknown; claimedAt?: Date | null }>(UniqueKey, [_id]);
    if (!holder) return null;
    if (str(holder.ownerId) === ownerId) return 'ours';
    const old = !holder.claimedAt || now.getTime() - holder.claimedAt.getTime() > CLAIM_GRACE_MS;
    if (!old || (await ownerExists(kind, str(holder.ownerId)))) return null;
    const res = await engine.updateById(
      UniqueKey,
      _id,
      { $set: { ownerId: oid(ownerId), organizationId: oidOrNull(organizationId), claimedAt: now } },
      { where: { ownerId: holder.ownerId }, timestamps: false },
    );
    return res.matched ? 'taken' : null;
  }

  const keyDoc = (claim: KeyClaim, ownerId: string, organizationId: string | null | undefined, now: Date) => ({
    _id: keyId(claim.kind, claim.value),
    kind: claim.kind,
    ownerId: oid(ownerId),
    organizationId: oidOrNull(organizationId),
    claimedAt: now,
  });

  return {
    async ownersOf(keys) {
      const ids = [...new Set(keys.map((k) => keyId(k.kind, k.value)))];
      if (ids.length === 0) return new Map();
      const docs = await engine.findByIds<UniqueKeyDoc & { organizationId?: unknown }>(UniqueKey, ids);
      return new Map(docs.map((d) => [d._id, { ownerId: str(d.ownerId), organizationId: d.organizationId ? String(d.organizationId) : null }]));
    },

    async *allOfKinds(kinds) {
      const wanted = new Set<string>(kinds);
      const cursor = UniqueKey.find({}, { _id: 1, ownerId: 1 }).lean<UniqueKeyDoc[]>().batchSize(5000).cursor();
      for await (const k of cursor) {
        const key = (k as UniqueKeyDoc)._id;
        if (wanted.has(key.slice(0, key.indexOf(':')))) yield { key, ownerId: str((k as UniqueKeyDoc).ownerId) };
      }
    },

    async claim(ownerId, claims, opts = {}) {
      const now = opts.now ?? new Date();
      const reserved: KeyClaim[] = [];
      for (const claim of claims) {
        const doc = keyDoc(claim, ownerId, opts.organizationId, now);
        try {
          await UniqueKey.create(doc);
          reserved.push(claim);
          continue;
        } catch (err) {
          if (!isDuplicateKeyError(err)) {
            await release(ownerId, reserved);
            throw err;
          }
        }
        const outcome = await takeOver(doc._id, claim.kind, ownerId, opts.organizationId ?? null, now);
        if (outcome === 'taken') reserved.push(claim);
        if (outcome) continue;
        await release(ownerId, reserved);
        throw AppError.conflict(claim.field, `"${claim.value}" already belongs to another record`);
      }
    },

    async claimMany(claims, now = new Date()) {
      const docs = claims.map((c) => keyDoc(c.claim, c.ownerId, c.organizationId, now));
      const { duplicates } = await engine.insertMany(UniqueKey, docs);
      const refused: number[] = [];
      for (const i of duplicates) {
        const c = claims[i]!;
        if (!(await takeOver(docs[i]!._id, c.claim.kind, c.ownerId, c.organizationId ?? null, now))) refused.push(i);
      }
      return refused;
    },

    release,

    async move(keys, to, organizationId) {
      let moved = 0;
      for (const k of keys) {
        const res = await engine.updateById(
          UniqueKey,
          keyId(k.kind, k.value),
          { $set: { ownerId: oid(to), ...(organizationId !== undefined ? { organizationId: oidOrNull(organizationId) } : {}) } },
          { where: { ownerId: oid(k.from) }, timestamps: false },
        );
        if (res.modified) moved++;
      }
      return moved;
    },

    async setOrganization(ownerId, emails, organizationId) {
      await Promise.all(
        emails.map((e) =>
          engine.updateById(UniqueKey, keyId('email', e), { $set: { organizationId: oid(organizationId) } }, { where: { ownerId: oid(ownerId) }, timestamps: false }),
        ),
      );
    },
  };
}
