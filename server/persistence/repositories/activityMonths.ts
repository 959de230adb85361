/**
 * The reports' copy of the actions (`activity_months`): each action's customer, kind, logger and
 * time, kept in its UTC month's documents (`<YYYY-MM>:<shard>`, SHARDS a month, the shard from the
 * action's id so a month's writes spread over several documents). A report over 24 months reads
 * (24 + the care plan's look-back) × SHARDS documents by `_id`: on the embedded engine exact `_id`
 * reads, on MongoDB the `_id` index; never a scan of the actions, whatever their number.
 * Entries are keyed `a<actionId>` (a field name never all digits, never starting with `$`).
 *
 * One writer, the use case every new action passes (usecases/recordAction), and a rebuild from the
 * facts (`rebuild`, the start-up migration `activity-months-v1`). Why each write is safe with several instances:
 * - recording an action: `$set` of its own entry by `_id`, upserted: independent fields, and a
 *   retry sets the same value, so idempotent; atomic per document on every engine (the engine
 *   module serialises a document's updates on FerretDB).
 * - a moved planned meeting (`move`): `$unset` of its entry in the old month's document, then the
 *   `$set` in the new one; each step idempotent, a retry completes it.
 * - a merge's moved actions: recorded again with the kept customer (the same `$set`, overwriting).
 */
import { ACTION_KINDS, type ActionKind } from '../../../shared/domain/codes';
import type { ReportAction } from '../../../shared/domain/reports';
import { mapLimit } from '../../concurrency';
import type { Engine } from '../engine';
import type { ActivityMonthDoc, Models } from '../models';
import type { ActionRecord } from './records';

export const ACTIVITY_SHARDS = 16;

export interface ActivityMonthRepository {
  /** Records the actions (idempotent: an action recorded again is overwritten with its current facts). */
  record(actions: readonly ActionRecord[]): Promise<void>;
  /** An action whose time changed: out of its old month, into its new one. */
  move(before: ActionRecord, after: ActionRecord): Promise<void>;
  /** Every action recorded in these UTC months (`YYYY-MM`). */
  inMonths(months: readonly string[]): Promise<ReportAction[]>;
  /** Records every action of the stream, a month's shard in one update per 500 actions; returns how many. */
  rebuild(actions: AsyncIterable<ActionRecord>): Promise<number>;
}

const utcMonth = (d: Date) => d.toISOString().slice(0, 7);
const shardOf = (actionId: string) => parseInt(actionId.slice(-4), 16) % ACTIVITY_SHARDS;
const docId = (a: Pick<ActionRecord, 'id' | 'occurredAt'>) => `${utcMonth(a.occurredAt)}:${shardOf(a.id)}`;
/**
 * An entry as one short text, `<customer>|<kind>|<logger>|<epoch ms>`: the embedded engine decodes a
 * document field by field, so one text per action reads several times faster than a subdocument of four.
 */
const entry = (a: ActionRecord) => `${a.organizationId}|${a.kind}|${a.loggedBy.id}|${a.occurredAt.getTime()}`;
const KINDS = new Set<string>(ACTION_KINDS);

export function activityMonthRepository(models: Models, engine: Engine): ActivityMonthRepository {
  const { ActivityMonth } = models;

  async function write(groups: Map<string, ActionRecord[]>): Promise<void> {
    await mapLimit([...groups], 4, async ([id, list]) => {
      const $set = Object.fromEntries(list.map((a) => [`a.a${a.id}`, entry(a)]));
      await engine.updateById(ActivityMonth, id, { $set, $setOnInsert: { month: id.slice(0, 7) } }, { upsert: true, timestamps: false });
    });
  }

  const add = (groups: Map<string, ActionRecord[]>, a: ActionRecord) => {
    const list = groups.get(docId(a));
    if (list) list.push(a);
    else groups.set(docId(a), [a]);
  };
  const byDoc = (actions: readonly ActionRecord[]) => {
    const groups = new Map<string, ActionRecord[]>();
    for (const a of actions) add(groups, a);
    return groups;
  };

  return {
    record: (actions) => write(byDoc(actions)),
    async move(before, after) {
      if (docId(before) !== docId(after)) await engine.updateById(ActivityMonth, docId(before), { $unset: { [`a.a${before.id}`]: '' } }, { timestamps: false });
      await write(byDoc([after]));
    },
    async inMonths(months) {
      const ids = months.flatMap((m) => Array.from({ length: ACTIVITY_SHARDS }, (_, s) => `${m}:${s}`));
      const docs = await engine.findByIds<ActivityMonthDoc>(ActivityMonth, ids);
      const out: ReportAction[] = [];
      for (const d of docs) {
        for (const e of Object.values(d.a ?? {})) {
          const [o, k, u, t] = typeof e === 'string' ? e.split('|') : [];
          if (!o || !k || !u || !t || !KINDS.has(k)) continue;
          out.push({ organizationId: o, kind: k as ActionKind, occurredAt: new Date(Number(t)), loggedBy: u });
        }
      }
      return out;
    },
    async rebuild(actions) {
      let n = 0;
      let batch = new Map<string, ActionRecord[]>();
      let size = 0;
      for await (const a of actions) {
        add(batch, a);
        n++;
        if (++size >= 500 * ACTIVITY_SHARDS) {
          await write(batch);
          batch = new Map();
          size = 0;
        }
      }
      await write(batch);
      return n;
    },
  };
}
