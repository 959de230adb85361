/**
 * Helpers of the engine contract: a database of its own on the run's engine with three tiny
 * throwaway models, and a way to start many operations at the same moment.
 */
import { randomBytes } from 'node:crypto';
import mongoose, { Schema, Types, type Connection } from 'mongoose';
import { detectEngine, type AnyModel, type Engine } from '../../../server/persistence/engine';
import { testDatabaseUri } from '../../support/testApp';

/** A document with counters, a version, a set of tags, a map of newest dates and a map of claimed customers. */
export interface Tally {
  _id: string;
  n?: number;
  tags?: string[];
  version?: number;
  note?: string;
  latest?: Record<string, Date>;
  customers?: Record<string, { by: string; at: Date }>;
  createdBy?: string;
}

/** An element of a bounded, newest-first list (the bucket pattern's page, or a "recent actions" list). */
export interface Entry {
  _id: Types.ObjectId;
  at: Date;
  label: string;
}

export interface Timeline {
  _id: string;
  n?: number;
  recent: Entry[];
}

export interface Item {
  _id: Types.ObjectId;
  group: string;
  seq?: number;
  at?: Date;
  flag?: boolean;
  n?: number;
  version?: number;
  label?: string;
}

export interface ScratchDatabase {
  conn: Connection;
  engine: Engine;
  models: { Tally: AnyModel; Timeline: AnyModel; Item: AnyModel };
  /** Drops the database and closes the connection. */
  drop(): Promise<void>;
}

/**
 * A fresh database on the run's engine. The models have no timestamps and no version key, so that
 * a write changes exactly what the test says and `modified` counts mean what they say.
 */
export async function openScratchDatabase(): Promise<ScratchDatabase> {
  const conn = await mongoose.createConnection(testDatabaseUri(), { dbName: `contract_${randomBytes(6).toString('hex')}` }).asPromise();
  const plain = { versionKey: false, timestamps: false } as const;
  const Tally = conn.model(
    'Tally',
    new Schema(
      {
        _id: String,
        n: Number,
        tags: { type: [String], default: undefined },
        version: Number,
        note: String,
        latest: { type: Map, of: Date },
        customers: { type: Map, of: new Schema({ by: String, at: Date }, { _id: false }) },
        createdBy: String,
      },
      plain,
    ),
  );
  const Timeline = conn.model(
    'Timeline',
    new Schema({ _id: String, n: Number, recent: [new Schema({ at: Date, label: String }, { versionKey: false })] }, plain),
  );
  const Item = conn.model(
    'Item',
    new Schema({ group: String, seq: Number, at: Date, flag: Boolean, n: Number, version: Number, label: String }, plain),
  );
  await Promise.all([Tally, Timeline, Item].map((m) => m.createCollection()));
  const engine = await detectEngine(conn);
  return {
    conn,
    engine,
    models: { Tally, Timeline, Item },
    async drop() {
      await conn.dropDatabase().catch(() => undefined);
      await conn.close();
    },
  };
}

/** Starts `n` operations at once and waits for all of them; each outcome is kept, failures included. */
export function atOnce<T>(n: number, work: (i: number) => Promise<T>): Promise<PromiseSettledResult<T>[]> {
  return Promise.allSettled(Array.from({ length: n }, (_, i) => work(i)));
}

/** The values of the operations that succeeded; fails the test with the first unexpected error. */
export function fulfilled<T>(outcomes: PromiseSettledResult<T>[]): T[] {
  const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failure) throw failure.reason;
  return outcomes.map((o) => (o as PromiseFulfilledResult<T>).value);
}

/** A random id for one test's documents, so tests share collections but never documents. */
export const freshId = (prefix: string): string => `${prefix}-${randomBytes(4).toString('hex')}`;

/** An ObjectId whose order is the order of `n` (for lists whose ties are broken by `_id`). */
export const oid = (n: number): Types.ObjectId => new Types.ObjectId(n.toString(16).padStart(24, '0'));

/** `items` in an order that is not the order they were made in (fixed, so a failure can be replayed). */
export function shuffled<T>(items: readonly T[], seed = 7): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
