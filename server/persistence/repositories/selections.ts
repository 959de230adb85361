/**
 * Selections (`selections`) and the member lists of static ones (`selection_members`).
 *
 * Why each write is safe with several instances:
 * - a change of a selection is a `$set` by `_id` as a compare-and-set on `version` (`$inc`ed);
 * - a static selection's members are written as a new generation of chunk documents under a fresh
 *   random generation id, and only then does the selection point at it (the same compare-and-set):
 *   a reader follows `memberGen` and always reads one whole list; a writer that lost the race
 *   deletes its own chunks and is told to look again; the old generation is deleted after the switch.
 * - the list of selections a user sees is a query on `owner.id` and `shared` (index-backed on
 *   MongoDB; a scan of the small `selections` collection on FerretDB — tens to hundreds of documents).
 */
import { Types } from 'mongoose';
import type { PersonRef } from '../../../shared/contract';
import type { SelectionCriteria, SelectionKind } from '../../../shared/contract-selections';
import type { Engine } from '../engine';
import type { Models, SelectionDoc, SelectionMemberDoc } from '../models';
import { oid, str } from './records';

/** Ids per member chunk: 1,000 × 24 characters, well inside a document and a small write each. */
export const MEMBER_CHUNK = 1_000;

export interface SelectionRecord {
  id: string;
  name: string;
  owner: PersonRef;
  shared: boolean;
  kind: SelectionKind;
  criteria: SelectionCriteria;
  memberCount: number | null;
  memberGen: string | null;
  memberChunks: number;
  frozenAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface SelectionFields {
  name: string;
  owner: PersonRef;
  shared: boolean;
  kind: SelectionKind;
  criteria: SelectionCriteria;
}

export type SelectionPatch = Partial<Pick<SelectionRecord, 'name' | 'shared' | 'criteria' | 'kind' | 'frozenAt'>>;

export interface SelectionRepository {
  newId(): string;
  /** Inserts a selection; a static one with its members (written first). */
  insert(id: string, fields: SelectionFields, memberIds: readonly string[] | null): Promise<SelectionRecord>;
  get(id: string): Promise<SelectionRecord | null>;
  /** The owner's selections and the shared ones. */
  visibleTo(userId: string): Promise<SelectionRecord[]>;
  /** Every selection (administrators). */
  all(): Promise<SelectionRecord[]>;
  /** Sets the fields given, provided the selection is still at `version`; null when it was changed (or deleted) meanwhile. */
  update(id: string, version: number, patch: SelectionPatch): Promise<SelectionRecord | null>;
  /** Replaces a selection's members (and sets `patch` with them), provided it is still at `version`. */
  setMembers(current: SelectionRecord, version: number, memberIds: readonly string[], patch?: SelectionPatch): Promise<SelectionRecord | null>;
  /** A static selection's member ids, in the order stored. */
  members(selection: SelectionRecord): Promise<string[]>;
  /** Deletes a selection at `version` and its members; false when it was changed or is gone. */
  delete(current: SelectionRecord, version: number): Promise<boolean>;
}

const personDoc = (p: PersonRef) => ({ id: oid(p.id), name: p.name, email: p.email });
const chunkIds = (id: string, gen: string, chunks: number) => Array.from({ length: chunks }, (_, n) => `${id}:${gen}:${n}`);

function fromDoc(d: SelectionDoc): SelectionRecord {
  return {
    id: str(d._id),
    name: d.name,
    owner: { id: d.owner?.id ? str(d.owner.id as Types.ObjectId) : '', name: d.owner?.name ?? '', email: d.owner?.email ?? '' },
    shared: d.shared ?? false,
    kind: d.kind as SelectionKind,
    criteria: (d.criteria ?? {}) as SelectionCriteria,
    memberCount: d.memberCount ?? null,
    memberGen: d.memberGen ?? null,
    memberChunks: d.memberChunks ?? 0,
    frozenAt: d.frozenAt ?? null,
    version: d.version ?? 0,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

export function selectionRepository(models: Models, engine: Engine): SelectionRepository {
  const { Selection, SelectionMember } = models;

  /** Writes the ids as a new generation's chunks; its id and chunk count. */
  async function writeGeneration(id: string, memberIds: readonly string[]): Promise<{ gen: string; chunks: number }> {
    const gen = new Types.ObjectId().toHexString();
    const docs = [];
    for (let n = 0; n * MEMBER_CHUNK < memberIds.length; n++) docs.push({ _id: `${id}:${gen}:${n}`, ids: memberIds.slice(n * MEMBER_CHUNK, (n + 1) * MEMBER_CHUNK) });
    // a few documents per write: the embedded engine stalls on large bulk writes
    for (let i = 0; i < docs.length; i += 5) await engine.insertMany(SelectionMember, docs.slice(i, i + 5));
    return { gen, chunks: docs.length };
  }
  const dropGeneration = (id: string, gen: string | null, chunks: number) =>
    gen ? Promise.all(chunkIds(id, gen, chunks).map((c) => engine.deleteById(SelectionMember, c))).then(() => undefined) : Promise.resolve();

  const setOf = (patch: SelectionPatch) => ({ ...patch });

  return {
    newId: () => new Types.ObjectId().toHexString(),

    async insert(id, fields, memberIds) {
      const members = memberIds ? await writeGeneration(id, [...new Set(memberIds)]) : null;
      const doc = await Selection.create({
        _id: oid(id),
        ...fields,
        owner: personDoc(fields.owner),
        criteria: { ...fields.criteria },
        memberCount: memberIds ? new Set(memberIds).size : null,
        memberGen: members?.gen ?? null,
        memberChunks: members?.chunks ?? 0,
        frozenAt: null,
        version: 0,
      });
      return fromDoc(doc.toObject() as SelectionDoc);
    },

    async get(id) {
      if (!Types.ObjectId.isValid(id)) return null;
      const [doc] = await engine.findByIds<SelectionDoc>(Selection, [oid(id)]);
      return doc ? fromDoc(doc) : null;
    },

    async visibleTo(userId) {
      const docs = await Selection.find({ $or: [{ 'owner.id': oid(userId) }, { shared: true }] }).lean<SelectionDoc[]>();
      return docs.map(fromDoc);
    },

    async all() {
      return (await Selection.find().lean<SelectionDoc[]>()).map(fromDoc);
    },

    async update(id, version, patch) {
      const res = await engine.updateById<SelectionDoc>(Selection, oid(id), { $set: setOf(patch), $inc: { version: 1 } }, { where: { version }, returnDocument: 'after' });
      return res.matched && res.doc ? fromDoc(res.doc) : null;
    },

    async setMembers(current, version, memberIds, patch = {}) {
      const unique = [...new Set(memberIds)];
      const { gen, chunks } = await writeGeneration(current.id, unique);
      const res = await engine.updateById<SelectionDoc>(
        Selection, oid(current.id),
        { $set: { ...setOf(patch), memberGen: gen, memberChunks: chunks, memberCount: unique.length }, $inc: { version: 1 } },
        { where: { version }, returnDocument: 'after' },
      );
      if (!res.matched || !res.doc) {
        await dropGeneration(current.id, gen, chunks);
        return null;
      }
      await dropGeneration(current.id, current.memberGen, current.memberChunks);
      return fromDoc(res.doc);
    },

    async members(selection) {
      if (!selection.memberGen || selection.memberChunks === 0) return [];
      const ids = chunkIds(selection.id, selection.memberGen, selection.memberChunks);
      const docs = new Map((await engine.findByIds<SelectionMemberDoc>(SelectionMember, ids)).map((d) => [d._id, d.ids]));
      return ids.flatMap((c) => docs.get(c) ?? []);
    },

    async delete(current, version) {
      const deleted = await engine.deleteById(Selection, oid(current.id), { version });
      if (deleted) await dropGeneration(current.id, current.memberGen, current.memberChunks);
      return deleted;
    },
  };
}
