/**
 * The engine contract: every assumption the repositories make about the database, stated as a test
 * that runs through the Engine API on whatever engine this run uses (FerretDB here, MongoDB in
 * production). An engine, or an engine module, that breaks one of them fails here instead of the
 * app silently losing data.
 *
 * The last block records what the raw engine does without the engine module, so that a new engine
 * version that changes it (and may make a workaround needless, or a pass-through unsafe) is noticed.
 */
import { Types, type Connection } from 'mongoose';
import { detectEngine, isDuplicateKeyError, type AnyModel, type Engine } from '../../../server/persistence/engine';
import {
  atOnce,
  freshId,
  fulfilled,
  oid,
  openScratchDatabase,
  shuffled,
  type Entry,
  type Item,
  type ScratchDatabase,
  type Tally,
  type Timeline,
} from './support';

let db: ScratchDatabase;
let engine: Engine;
let Tally: AnyModel;
let Timeline: AnyModel;
let Item: AnyModel;

beforeAll(async () => {
  db = await openScratchDatabase();
  ({ engine } = db);
  ({ Tally, Timeline, Item } = db.models);
});
afterAll(async () => {
  await db.drop();
});

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);
const tally = async (id: string) => (await engine.findByIds<Tally>(Tally, [id]))[0];
const timeline = async (id: string) => (await engine.findByIds<Timeline>(Timeline, [id]))[0];
const matchedCount = (outcomes: { matched: boolean }[]) => outcomes.filter((o) => o.matched).length;

describe("one document's updates are atomic under concurrency", () => {
  test('30 concurrent increments of one document all count', async () => {
    const id = freshId('inc');
    await Tally.create({ _id: id, n: 0 });

    fulfilled(await atOnce(30, () => engine.updateById(Tally, id, { $inc: { n: 1 } })));

    expect((await tally(id))!.n).toBe(30);
  });

  test('30 concurrent increments that return the document after each see a different count, 1 to 30', async () => {
    const id = freshId('seq');
    await Tally.create({ _id: id, n: 0 });

    const outcomes = fulfilled(await atOnce(30, () => engine.updateById<Tally>(Tally, id, { $inc: { n: 1 } }, { returnDocument: 'after' })));

    expect(outcomes.map((o) => o.doc!.n).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  test('20 concurrent upserting increments of a missing document make one document that counts all 20', async () => {
    const id = freshId('upinc');

    const outcomes = fulfilled(await atOnce(20, () => engine.updateById(Tally, id, { $inc: { n: 1 } }, { upsert: true })));

    expect(matchedCount(outcomes)).toBe(20);
    expect(await Tally.countDocuments({ _id: id })).toBe(1);
    expect((await tally(id))!.n).toBe(20);
  });

  test('30 concurrent $max of 30 different fields of one document all survive', async () => {
    const id = freshId('max');
    await Tally.create({ _id: id, latest: { k0: day('2020-01-01') } });

    fulfilled(await atOnce(30, (i) => engine.updateById(Tally, id, { $max: { [`latest.k${i}`]: day(`2026-01-${String(i + 1).padStart(2, '0')}`) } })));

    const latest = (await tally(id))!.latest!;
    expect(Object.keys(latest).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `k${i}`).sort());
    for (let i = 0; i < 30; i++) expect(latest[`k${i}`]).toEqual(day(`2026-01-${String(i + 1).padStart(2, '0')}`));
  });

  test('30 concurrent $max of one field keep the newest date, whatever order they arrive in', async () => {
    const id = freshId('max1');
    await Tally.create({ _id: id });
    const dates = shuffled(Array.from({ length: 30 }, (_, i) => day(`2026-02-${String((i % 28) + 1).padStart(2, '0')}`)));

    fulfilled(await atOnce(30, (i) => engine.updateById(Tally, id, { $max: { 'latest.email': dates[i] } })));

    expect((await tally(id))!.latest!.email).toEqual(day('2026-02-28'));
  });

  test('increments mixed with $set of other fields, all at once, are all kept', async () => {
    const id = freshId('mix');
    await Tally.create({ _id: id, n: 0 });

    fulfilled(
      await atOnce(30, (i) =>
        i % 3 === 0
          ? engine.updateById(Tally, id, { $set: { [`latest.s${i}`]: day('2026-03-01') } })
          : engine.updateById(Tally, id, { $inc: { n: 1 } }),
      ),
    );

    const doc = (await tally(id))!;
    expect(doc.n).toBe(20);
    expect(Object.keys(doc.latest!).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `s${i * 3}`).sort());
  });
});

describe('$addToSet with $each adds to a set without writing back what was read', () => {
  test('30 concurrent $addToSet of overlapping values, each with an increment, keep every value once and count all 30', async () => {
    const id = freshId('set');
    await Tally.create({ _id: id, n: 0, tags: ['kept'] });

    fulfilled(await atOnce(30, (i) => engine.updateById(Tally, id, { $addToSet: { tags: { $each: [`t${i}`, `t${i % 5}`, 'kept'] } }, $inc: { n: 1 } })));

    const doc = (await tally(id))!;
    expect(doc.n).toBe(30);
    expect([...doc.tags!].sort()).toEqual(['kept', ...Array.from({ length: 30 }, (_, i) => `t${i}`)].sort());
  });

  test('a repeat of the same $addToSet changes nothing', async () => {
    const id = freshId('set1');
    await Tally.create({ _id: id, tags: ['a'] });

    const first = await engine.updateById(Tally, id, { $addToSet: { tags: { $each: ['b', 'c'] } } });
    const again = await engine.updateById(Tally, id, { $addToSet: { tags: { $each: ['b', 'c'] } } });

    expect([first.modified, again.modified]).toEqual([true, false]);
    expect((await tally(id))!.tags).toEqual(['a', 'b', 'c']);
  });
});

describe('$push with $each, $sort and $slice keeps a bounded newest-first list', () => {
  const kept: Entry[] = [
    { _id: oid(1), at: day('2026-03-01'), label: 'a' },
    { _id: oid(2), at: day('2026-02-01'), label: 'b' },
    { _id: oid(3), at: day('2026-01-01'), label: 'c' },
  ];
  const pushedNow: Entry[] = [
    { _id: oid(4), at: day('2026-02-01'), label: 'd' }, // ties with b on the date: the larger _id goes first
    { _id: oid(5), at: day('2026-04-01'), label: 'e' },
    { _id: oid(6), at: day('2025-12-01'), label: 'f' }, // the oldest of all: sliced off
    { _id: oid(7), at: day('2026-03-01'), label: 'g' }, // ties with a
  ];

  // MongoDB appends $each, sorts the whole array, then keeps the first (or, negative, the last) $slice.
  test.each([
    { order: 'newest first, first 5', $sort: { at: -1, _id: -1 }, $slice: 5, labels: ['e', 'g', 'a', 'd', 'b'] },
    { order: 'oldest first, last 5', $sort: { at: 1, _id: 1 }, $slice: -5, labels: ['b', 'd', 'a', 'g', 'e'] },
  ])('pushing onto a kept list sorts the whole list by date then _id and slices it as MongoDB does ($order)', async ({ $sort, $slice, labels }) => {
    const id = freshId('push');
    await Timeline.create({ _id: id, recent: kept });

    const out = await engine.updateById(Timeline, id, { $push: { recent: { $each: pushedNow, $sort, $slice } } });

    expect(out).toMatchObject({ matched: true, modified: true });
    const recent = (await timeline(id))!.recent;
    expect(recent.map((e) => e.label)).toEqual(labels);
    expect(recent.find((e) => e.label === 'd')).toEqual(pushedNow[0]);
  });

  test('elements are pushed as mongoose sends them to MongoDB: read through the schema (dates as text, _id left to the schema) before sorting', async () => {
    const id = freshId('pushcast');
    await Timeline.create({ _id: id, recent: kept });
    const asText = pushedNow.map(({ at, label }) => ({ at: at.toISOString(), label }));

    await engine.updateById(Timeline, id, { $push: { recent: { $each: asText, $sort: { at: -1, _id: -1 }, $slice: 5 } } });

    // The _ids the schema gives are newer than kept's, so they win the ties on the date.
    const recent = (await timeline(id))!.recent;
    expect(recent.map((e) => e.label)).toEqual(['e', 'g', 'a', 'd', 'b']);
    expect(recent.every((e) => e.at instanceof Date && e._id instanceof Types.ObjectId)).toBe(true);
  });

  test('20 concurrent pushes, each with an increment, leave the newest 5 of all 20 and count all 20', async () => {
    const id = freshId('push20');
    await Timeline.create({ _id: id, n: 0, recent: [] });
    const entries = shuffled(Array.from({ length: 20 }, (_, i): Entry => ({ _id: oid(100 + i), at: new Date(Date.UTC(2026, 4, 1, 8, i)), label: `m${i}` })));

    fulfilled(
      await atOnce(20, (i) =>
        engine.updateById(Timeline, id, { $push: { recent: { $each: [entries[i]], $sort: { at: -1, _id: -1 }, $slice: 5 } }, $inc: { n: 1 } }),
      ),
    );

    const doc = (await timeline(id))!;
    expect(doc.n).toBe(20);
    expect(doc.recent.map((e) => e.label)).toEqual(['m19', 'm18', 'm17', 'm16', 'm15']);
  });

  test("a push conditioned on the element not being in the list adds it once, however many try at once", async () => {
    const id = freshId('once');
    await Timeline.create({ _id: id, recent: kept });
    const entry: Entry = { _id: oid(50), at: day('2026-05-01'), label: 'once' };
    const pushOnce = () =>
      engine.updateById(Timeline, id, { $push: { recent: { $each: [entry], $sort: { at: -1, _id: -1 }, $slice: 5 } } }, { where: { 'recent._id': { $ne: entry._id } } });

    const concurrent = fulfilled(await atOnce(10, pushOnce));
    const again = await pushOnce();

    expect(matchedCount(concurrent)).toBe(1);
    expect(again).toEqual({ matched: false, modified: false, doc: null });
    expect((await timeline(id))!.recent.map((e) => e.label)).toEqual(['once', 'a', 'b', 'c']);
  });
});

describe('$pull with a condition on the elements removes exactly the matching ones', () => {
  const kept: Entry[] = [
    { _id: oid(1), at: day('2026-03-01'), label: 'a' },
    { _id: oid(2), at: day('2026-02-01'), label: 'b' },
    { _id: oid(3), at: day('2026-01-01'), label: 'c' },
  ];

  test.each([
    { by: '_id $in', cond: { _id: { $in: [oid(1), oid(3)] } }, labels: ['b'] },
    { by: 'a date given as text', cond: { at: { $lte: '2026-02-01T12:00:00.000Z' } }, labels: ['a'] },
  ])('by $by, with $max of another field in the same update, and a repeat pulls nothing more', async ({ cond, labels }) => {
    const id = freshId('pull');
    await Timeline.create({ _id: id, n: 0, recent: kept });

    const out = await engine.updateById(Timeline, id, { $pull: { recent: cond }, $max: { n: 5 } });
    const again = await engine.updateById(Timeline, id, { $pull: { recent: cond } });

    expect(out).toMatchObject({ matched: true, modified: true });
    expect(again.matched).toBe(true);
    const doc = (await timeline(id))!;
    expect(doc.recent.map((e) => e.label)).toEqual(labels);
    expect(doc.n).toBe(5);
  });

  test('a pull and 20 concurrent pushes of other elements lose none of the pushed ones', async () => {
    const id = freshId('pullpush');
    await Timeline.create({ _id: id, recent: kept });
    const pushes = Array.from({ length: 20 }, (_, i): Entry => ({ _id: oid(200 + i), at: day('2026-06-01'), label: `p${i}` }));

    fulfilled(
      await atOnce(21, (i) =>
        i === 10
          ? engine.updateById(Timeline, id, { $pull: { recent: { _id: { $in: [oid(1), oid(2), oid(3)] } } } })
          : engine.updateById(Timeline, id, { $push: { recent: { $each: [pushes[i > 10 ? i - 1 : i]], $sort: { _id: 1 } } } }),
      ),
    );

    expect((await timeline(id))!.recent.map((e) => e.label).sort()).toEqual(pushes.map((e) => e.label).sort());
  });
});

describe('_id is unique', () => {
  test('a second insert of an _id fails with a duplicate-key error (code 11000)', async () => {
    const id = freshId('dup');
    await Tally.create({ _id: id, note: 'first' });

    const second = await Tally.create({ _id: id, note: 'second' }).then(() => null, (err: unknown) => err);

    expect(isDuplicateKeyError(second)).toBe(true);
    expect(await engine.insertMany(Tally, [{ _id: id, note: 'third' }])).toEqual({ inserted: 0, duplicates: [0] });
    expect((await tally(id))!.note).toBe('first');
  });

  test('of 20 concurrent inserts of one _id exactly one succeeds, the others fail as duplicates', async () => {
    const id = freshId('dup20');

    const outcomes = await atOnce(20, (i) => Tally.create({ _id: id, note: `w${i}` }));

    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(refused.filter((o) => isDuplicateKeyError(o.reason))).toHaveLength(19);
    expect(await Tally.countDocuments({ _id: id })).toBe(1);
  });

  test('of 20 concurrent insertMany of one _id exactly one writes it, the others report it as a duplicate', async () => {
    const id = freshId('dupmany');

    const outcomes = fulfilled(await atOnce(20, (i) => engine.insertMany(Tally, [{ _id: id, note: `w${i}` }])));

    expect(outcomes.filter((o) => o.inserted === 1 && o.duplicates.length === 0)).toHaveLength(1);
    expect(outcomes.filter((o) => o.inserted === 0 && o.duplicates.join() === '0')).toHaveLength(19);
    expect(await Tally.countDocuments({ _id: id })).toBe(1);
  });
});

describe('compare-and-set on a version field', () => {
  test('of 10 concurrent writers that read the same version exactly one succeeds, and its write is the one kept', async () => {
    const id = freshId('cas');
    await Tally.create({ _id: id, version: 3, note: 'start' });

    const outcomes = fulfilled(
      await atOnce(10, (i) => engine.updateById<Tally>(Tally, id, { $set: { note: `w${i}` }, $inc: { version: 1 } }, { where: { version: 3 }, returnDocument: 'after' })),
    );

    const winners = outcomes.filter((o) => o.matched);
    expect(winners).toHaveLength(1);
    expect(outcomes.filter((o) => !o.matched).every((o) => o.doc === null && !o.modified)).toBe(true);
    expect(await tally(id)).toEqual({ _id: id, version: 4, note: winners[0]!.doc!.note });
  });

  test('20 concurrent read, compare-and-set, retry loops all get applied', async () => {
    const id = freshId('retry');
    await Tally.create({ _id: id, version: 0, n: 0 });
    const incrementWithRetry = async (): Promise<void> => {
      for (let attempt = 1; attempt <= 100; attempt++) {
        const read = (await tally(id))!;
        // A write computed in JavaScript from what was read: safe only because it is a compare-and-set.
        const out = await engine.updateById(Tally, id, { $set: { n: read.n! + 1, version: read.version! + 1 } }, { where: { version: read.version } });
        if (out.matched) return;
      }
      throw new Error('no compare-and-set succeeded in 100 attempts');
    };

    fulfilled(await atOnce(20, incrementWithRetry));

    expect(await tally(id)).toEqual({ _id: id, version: 20, n: 20 });
  });
});

describe('a conditional upsert claims a field once', () => {
  const claim = (id: string, segment: string, by: string) =>
    engine.updateById(
      Tally,
      id,
      { $set: { [`customers.${segment}`]: { by, at: day('2026-06-01') } }, $setOnInsert: { createdBy: by } },
      { where: { [`customers.${segment}`]: { $exists: false } }, upsert: true },
    );

  test('the first claim inserts the document, a repeat reports no match and changes nothing, another field can still be claimed', async () => {
    const id = freshId('claim');

    const first = await claim(id, 'A', 'aino');
    const afterFirst = await tally(id);
    const repeat = await claim(id, 'A', 'eero');
    const afterRepeat = await tally(id);
    const other = await claim(id, 'B', 'eero');

    expect(first).toMatchObject({ matched: true, modified: true });
    expect(afterFirst).toEqual({ _id: id, createdBy: 'aino', customers: { A: { by: 'aino', at: day('2026-06-01') } } });
    expect(repeat).toEqual({ matched: false, modified: false, doc: null });
    expect(afterRepeat).toEqual(afterFirst);
    expect(other).toMatchObject({ matched: true, modified: true });
    expect(await tally(id)).toEqual({
      _id: id,
      createdBy: 'aino',
      customers: { A: { by: 'aino', at: day('2026-06-01') }, B: { by: 'eero', at: day('2026-06-01') } },
    });
  });

  test('of 20 concurrent claims of one field of a missing document exactly one matches, and it made the document', async () => {
    const id = freshId('claim20');

    const outcomes = fulfilled(await atOnce(20, (i) => claim(id, 'A', `user${i}`)));

    expect(matchedCount(outcomes)).toBe(1);
    const doc = (await tally(id))!;
    expect(doc.customers!.A!.by).toBe(doc.createdBy);
    expect(await Tally.countDocuments({ _id: id })).toBe(1);
  });
});

describe('updateMany', () => {
  // 300 updates: more than the 200-update bulk write that hangs FerretDB, so an engine that sends it as one bulk write fails here.
  test('updates every matching document of 300 and no other, counting matched and modified', async () => {
    const group = freshId('many');
    await Item.collection.insertMany(
      Array.from({ length: 350 }, (_, seq) => ({ group, seq, flag: seq % 10 === 0 && seq < 300, n: 0 })),
    );
    await Item.collection.insertMany(Array.from({ length: 20 }, (_, seq) => ({ group: `${group}-other`, seq, flag: false, n: 0 })));

    const out = await engine.updateMany(Item, { group, seq: { $lt: 300 } }, { $set: { flag: true } });

    expect(out).toEqual({ matched: 300, modified: 270 });
    expect(await Item.countDocuments({ group, flag: true })).toBe(300);
    expect(await Item.countDocuments({ group, seq: { $gte: 300 }, flag: false })).toBe(50);
    expect(await Item.countDocuments({ group: `${group}-other`, flag: false })).toBe(20);
  });

  test('an updateMany of 300 documents and 300 single updates of the same documents at once lose nothing', async () => {
    const group = freshId('manyinc');
    const docs = Array.from({ length: 300 }, (_, seq) => ({ group, seq, n: 0 }));
    await Item.collection.insertMany(docs);
    const ids = (await Item.find({ group }, { _id: 1 }).lean<Item[]>()).map((d) => d._id);

    const [many, ...singles] = fulfilled(
      await Promise.allSettled<unknown>([engine.updateMany(Item, { group }, { $inc: { n: 1 } }), ...ids.map((id) => engine.updateById(Item, id, { $inc: { n: 1 } }))]),
    );

    expect(many).toEqual({ matched: 300, modified: 300 });
    expect(singles.every((s) => (s as { matched: boolean }).matched)).toBe(true);
    expect(await Item.countDocuments({ group, n: 2 })).toBe(300);
  });
});

describe('updateByIds', () => {
  // 3,000 ids: more than one statement's chunk on every engine, so the chunks are joined right
  test('updates the documents named, where they meet the condition, counting matched and modified; no other', async () => {
    const group = freshId('byids');
    await Item.collection.insertMany(Array.from({ length: 3_100 }, (_, seq) => ({ group, seq, n: seq % 3 === 0 ? 1 : 0 })));
    const docs = await Item.find({ group }, { _id: 1, seq: 1 }).lean<Item[]>();
    const named = docs.filter((d) => d.seq! < 3_000).map((d) => d._id);

    const out = await engine.updateByIds(Item, [...named, named[0]!], { $set: { n: 1 } }, { n: { $ne: 1 } });

    expect(out).toEqual({ matched: 2_000, modified: 2_000 });
    expect(await Item.countDocuments({ group, seq: { $lt: 3_000 }, n: 1 })).toBe(3_000);
    expect(await Item.countDocuments({ group, seq: { $gte: 3_000 }, n: 0 })).toBe(66);
  });

  test('an updateByIds of 300 documents and 300 single updates of the same documents at once lose nothing', async () => {
    const group = freshId('byidsinc');
    await Item.collection.insertMany(Array.from({ length: 300 }, (_, seq) => ({ group, seq, n: 0 })));
    const ids = (await Item.find({ group }, { _id: 1 }).lean<Item[]>()).map((d) => d._id);

    const [many, ...singles] = fulfilled(
      await Promise.allSettled<unknown>([engine.updateByIds(Item, ids, { $inc: { n: 1 } }), ...shuffled(ids).map((id) => engine.updateById(Item, id, { $inc: { n: 1 } }))]),
    );

    expect(many).toEqual({ matched: 300, modified: 300 });
    expect(singles.every((s) => (s as { matched: boolean }).matched)).toBe(true);
    expect(await Item.countDocuments({ group, n: 2 })).toBe(300);
  });
});

describe('insertMany', () => {
  test('of 500 documents with 3 duplicates among them reports exactly those 3 positions and writes the other 497', async () => {
    const group = freshId('ins');
    const [existing] = await Item.create([{ group, label: 'existing' }]);
    const docs = Array.from({ length: 500 }, (_, i) => ({ _id: oid(1_000_000 + i), group, seq: i, label: `doc${i}` }));
    docs[7]!._id = existing!._id; // an _id already stored
    docs[120]!._id = docs[3]!._id; // an _id given earlier in the same call, far back
    docs[260]!._id = docs[255]!._id; // an _id given just before

    const out = await engine.insertMany(Item, docs);

    expect({ inserted: out.inserted, duplicates: [...out.duplicates].sort((a, b) => a - b) }).toEqual({ inserted: 497, duplicates: [7, 120, 260] });
    expect(await Item.countDocuments({ group })).toBe(498);
    const kept = await engine.findByIds<Item>(Item, [existing!._id, docs[3]!._id, docs[255]!._id], { label: 1 });
    expect(kept.map((d) => d.label).sort()).toEqual(['doc255', 'doc3', 'existing']);
  });
});

describe('findByIds', () => {
  test('returns exactly the existing documents, once each however often asked for, with only the projected fields', async () => {
    const group = freshId('find');
    const [a, b, c] = await Item.create([
      { group, label: 'a', n: 1 },
      { group, label: 'b', n: 2 },
      { group, label: 'c', n: 3 },
    ]);

    const found = await engine.findByIds<Item>(Item, [a!._id, oid(424242), b!._id, a!._id, String(b!._id)], { label: 1 });

    expect(found.sort((x, y) => x.label!.localeCompare(y.label!))).toEqual([
      { _id: a!._id, label: 'a' },
      { _id: b!._id, label: 'b' },
    ]);
    expect(await engine.findByIds(Item, [])).toEqual([]);
    expect(await engine.findByIds<Item>(Item, [c!._id])).toEqual([{ _id: c!._id, group, label: 'c', n: 3 }]);
  });
});

describe('deleteById', () => {
  test('deletes only when the condition holds, and says whether it deleted', async () => {
    const [item] = await Item.create([{ group: freshId('del'), version: 1 }]);
    const id = item!._id;

    expect(await engine.deleteById(Item, id, { version: 0 })).toBe(false);
    expect(await engine.findByIds(Item, [id])).toHaveLength(1);
    expect(await engine.deleteById(Item, id, { version: 1 })).toBe(true);
    expect(await engine.findByIds(Item, [id])).toHaveLength(0);
    expect(await engine.deleteById(Item, id)).toBe(false);
  });

  test('a delete and 10 writers, all conditioned on the same version and racing: exactly one of them wins', async () => {
    const [item] = await Item.create([{ group: freshId('delrace'), version: 0 }]);
    const id = item!._id;

    const outcomes = fulfilled(
      await atOnce(11, (i) =>
        i === 5
          ? engine.deleteById(Item, id, { version: 0 })
          : engine.updateById(Item, id, { $inc: { version: 1 } }, { where: { version: 0 } }).then((o) => o.matched),
      ),
    );

    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const left = (await engine.findByIds<Item>(Item, [id])).map((d) => d.version);
    expect(left).toEqual(outcomes[5] ? [] : [1]); // the delete won and the document is gone, or one writer won and it is kept
  });
});

describe('conditions are read through the schema, as mongoose reads a filter for MongoDB', () => {
  test('a date or a number given as text matches in updateMany, in a compare-and-set and in a conditional delete', async () => {
    const group = freshId('cast');
    const items = await Item.create(Array.from({ length: 10 }, (_, seq) => ({ group, seq, at: new Date(Date.UTC(2026, seq, 1)), version: 0 })));

    const many = await engine.updateMany(Item, { group, at: { $lt: '2026-04-15T00:00:00Z' } }, { $set: { flag: true } });
    const cas = await engine.updateById(Item, items[0]!._id, { $inc: { version: 1 } }, { where: { at: '2026-01-01T00:00:00.000Z', seq: '0' } });
    const deleted = await engine.deleteById(Item, String(items[9]!._id), { at: { $gte: '2026-10-01' } });

    expect(many).toEqual({ matched: 4, modified: 4 });
    expect(cas).toMatchObject({ matched: true, modified: true });
    expect(deleted).toBe(true);
    const left = await engine.findByIds<Item>(Item, items.map((d: Item) => d._id), { seq: 1, flag: 1, version: 1 });
    expect(left.sort((a, b) => a.seq! - b.seq!).map(({ seq, flag, version }) => [seq, flag, version])).toEqual([
      [0, true, 1],
      [1, true, 0],
      [2, true, 0],
      [3, true, 0],
      ...[4, 5, 6, 7, 8].map((seq) => [seq, undefined, 0]),
    ]);
  });
});

describe('raw engine facts, without the engine module (a new engine version that changes one shows up here)', () => {
  let raw: Connection;
  const onlyOn = (kind: Engine['kind'], why: string): boolean => {
    if (engine.kind === kind) return true;
    console.warn(`[engine contract] not run on ${engine.kind} ${engine.version}: ${why}`);
    return false;
  };
  beforeAll(() => {
    raw = db.conn;
  });

  test('detectEngine says ferretdb when buildInfo has a ferretdbVersion, and mongodb otherwise', async () => {
    const answering = (buildInfo: object) => ({ db: { admin: () => ({ command: async () => buildInfo }) } }) as unknown as Connection;

    const mongo = await detectEngine(answering({ version: '7.0.14' }));
    const ferret = await detectEngine(answering({ version: '7.0.42', ferretdbVersion: 'v1.24.2' }));

    expect([mongo.kind, mongo.version]).toEqual(['mongodb', '7.0.14']);
    expect([ferret.kind, ferret.version]).toEqual(['ferretdb', 'v1.24.2']);
  });

  test('FerretDB ignores a $pull whose value is a condition on the elements: no error, nothing pulled (quirk 5)', async () => {
    if (!onlyOn('ferretdb', 'MongoDB applies conditional $pull')) return;
    const coll = raw.db!.collection('raw_pull');
    await coll.insertOne({ _id: 'p' as never, list: [{ _id: 1 }, { _id: 2 }] });

    await coll.updateOne({ _id: 'p' as never }, { $pull: { list: { _id: { $in: [1] } } } as never });

    expect(((await coll.findOne({ _id: 'p' as never })) as unknown as { list: unknown[] }).list).toHaveLength(2);
  });

  test("detectEngine names this run's engine as its buildInfo does", async () => {
    const info = (await raw.db!.admin().command({ buildInfo: 1 })) as { version: string; ferretdbVersion?: string };

    expect(engine.kind).toBe(info.ferretdbVersion ? 'ferretdb' : 'mongodb');
    expect(engine.version).toBe(info.ferretdbVersion ?? info.version);
    if (process.env.TEST_DB_ENGINE === 'ferretdb') expect(engine.kind).toBe('ferretdb');
    if (process.env.TEST_DB_ENGINE === 'mongodb-memory-server') expect(engine.kind).toBe('mongodb');
  });

  test('MongoDB applies 30 concurrent raw $inc of one document atomically, so mongoEngine passes updates through unchanged', async () => {
    if (!onlyOn('mongodb', 'the pass-through of mongoEngine needs a server whose single-document updates are atomic; FerretDB is checked by the next test')) return;
    const coll = raw.collection<{ _id: string; n: number }>('raw_inc');
    await coll.insertOne({ _id: 'mongo', n: 0 });

    await Promise.all(Array.from({ length: 30 }, () => coll.updateOne({ _id: 'mongo' }, { $inc: { n: 1 } })));

    expect((await coll.findOne({ _id: 'mongo' }))!.n).toBe(30);
  });

  test('FerretDB loses some of 30 concurrent raw $inc of one document, so ferretEngine runs one update of a document at a time', async () => {
    if (!onlyOn('ferretdb', 'MongoDB does not lose concurrent updates; the previous test checks it')) return;
    const coll = raw.collection<{ _id: string; n: number }>('raw_inc');
    await coll.insertOne({ _id: 'ferret', n: 0 });

    await Promise.all(Array.from({ length: 30 }, () => coll.updateOne({ _id: 'ferret' }, { $inc: { n: 1 } })));

    // Measured on 1.24.2: 1 to 12 of 30. Should this reach 30, rerun and measure before removing the lock.
    expect((await coll.findOne({ _id: 'ferret' }))!.n).toBeLessThan(30);
  });

  test('a raw $push with $sort and $slice is honoured by MongoDB and ignored by FerretDB, so ferretEngine computes pushes', async () => {
    const coll = raw.collection<{ _id: string; list: number[] }>('raw_push');
    await coll.insertOne({ _id: 'list', list: [3, 1] });

    await coll.updateOne({ _id: 'list' }, { $push: { list: { $each: [5, 2, 4], $sort: -1, $slice: 2 } } });

    const { list } = (await coll.findOne({ _id: 'list' }))!;
    expect(list).toEqual(engine.kind === 'mongodb' ? [5, 4] : [3, 1, 5, 2, 4]);
  });

  test('a raw second insert of an _id fails with code 11000 on every engine', async () => {
    const coll = raw.collection<{ _id: string }>('raw_dup');
    await coll.insertOne({ _id: 'one' });

    const err = await coll.insertOne({ _id: 'one' }).then(() => null, (e: unknown) => e);

    expect((err as { code?: number } | null)?.code).toBe(11000);
  });

  test('FerretDB serves only an exact {_id} filter from an index, so ferretEngine reads by {_id} and checks conditions itself', async () => {
    if (!onlyOn('ferretdb', 'MongoDB uses the _id index for $in and for _id with further conditions')) return;
    const plan = async (filter: object) =>
      JSON.stringify(((await raw.db!.command({ explain: { find: 'raw_dup', filter }, verbosity: 'queryPlanner' })) as { queryPlanner: unknown }).queryPlanner);

    expect(await plan({ _id: 'one' })).toMatch(/USING INDEX/);
    expect(await plan({ _id: { $in: ['one', 'two'] } })).not.toMatch(/USING INDEX/);
    expect(await plan({ _id: 'one', version: 1 })).not.toMatch(/USING INDEX/);
  });
});
