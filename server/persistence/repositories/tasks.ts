/**
 * Follow-up tasks (the `tasks` collection) and the open tasks per assignee and per customer (the
 * `task_lists` collection, `_id` `assignee:<userId>` / `customer:<orgId>`), so that a desk reads
 * its open tasks by `_id` (the embedded engine answers nothing else from an index).
 *
 * Why each write is safe with several instances:
 * - create: an insert with a fresh `_id`.
 * - every change of a task (edit, complete, reopen): a compare-and-set on `version` (`where`
 *   holds the version the writer read, the update `$inc`s it), so two writers never overwrite
 *   each other's change; the loser reads again (the use case decides whether to retry).
 * - delete: by `_id` where `version` is the one read.
 * - a merge moving a customer's tasks to the kept customer: each task's change of `organizationId`
 *   and `organizationName` is a compare-and-set on `version` as above (the lists follow as for any
 *   change); then the merged customer's own list is deleted by `_id` (its customer is gone; an entry
 *   a late, older writer put back there names a task that is no longer on it, which readers skip).
 * - the lists: per entry, `$set` of `tasks.<taskId>` (upsert of the list document) only where the
 *   entry is absent or older (`v` < the task's version), and `$unset` only where it is not newer
 *   (`v` ≤ the version that removed it). Entries of one task written out of order therefore end
 *   as the newest version says; an entry is never lost to a slower, older writer. New tasks made in
 *   bulk (`listNew`) insert a customer's list whole where it does not exist yet (an insert with the
 *   list's deterministic `_id`: a list that exists meanwhile refuses it as a duplicate, and the entry
 *   is `$set` as above instead). A list may still
 *   hold an entry that a newer version moved away (its `$set` landed after the `$unset`): readers
 *   take the tasks themselves by id and keep only those that are open there (`openTasks`).
 */
import type { PersonRef } from '../../../shared/contract';
import { isDuplicateKeyError, type Engine } from '../engine';
import type { Models, TaskDoc, TaskListDoc } from '../models';
import { type Page, type PageRequest, pageFrom, pageWindow } from '../paging';
import { newId, oid, oidOrNull, str } from './records';

export type TaskStatus = 'open' | 'done';

export interface TaskRecord {
  id: string;
  title: string;
  note: string | null;
  organizationId: string;
  organizationName: string;
  contactIds: string[];
  dueOn: string;
  assignee: PersonRef;
  createdBy: PersonRef;
  status: TaskStatus;
  completedAt: Date | null;
  completedBy: PersonRef | null;
  actionId: string | null;
  reopenCount: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type NewTask = Omit<TaskRecord, 'createdAt' | 'updatedAt' | 'version' | 'status' | 'completedAt' | 'completedBy' | 'actionId' | 'reopenCount'>;

/** What a task's change may set. */
export type TaskChange = Partial<Pick<
  TaskRecord, 'title' | 'note' | 'dueOn' | 'assignee' | 'contactIds' | 'status' | 'completedAt' | 'completedBy' | 'actionId' | 'reopenCount' | 'organizationId' | 'organizationName'
>>;

/** An open task as the lists keep it: what a desk shows without reading the task. */
export interface OpenTaskEntry {
  id: string;
  title: string;
  dueOn: string;
  organizationId: string;
  organizationName: string;
  assigneeId: string;
}

export interface TaskFilter {
  assigneeId?: string;
  organizationId?: string;
}

export interface TaskRepository {
  newId(): string;
  insert(task: NewTask): Promise<TaskRecord>;
  /** Inserts the task unless its `_id` is taken (an operation's retry): null then. */
  insertIfAbsent(task: NewTask): Promise<TaskRecord | null>;
  /** Inserts many tasks at once (in the engine's chunks); those whose `_id` is taken (an earlier try) are left as they are and named. */
  insertManyIfAbsent(tasks: readonly NewTask[]): Promise<{ created: TaskRecord[]; taken: string[] }>;
  /**
   * Puts many tasks just inserted (or made by an earlier try of the same operation) on their lists: each assignee's list in one update per 500 tasks
   * (not one per task: a list written thousands of times over is slow on the embedded engine),
   * customers' lists inserted together where they do not exist yet, else each on its own (`only`: the
   * one kind of list, the caller writing the other later). A batch whose entries someone changed meanwhile goes task by task.
   */
  listNew(tasks: readonly TaskRecord[], only?: 'assignees' | 'customers'): Promise<void>;
  get(id: string): Promise<TaskRecord | null>;
  getMany(ids: readonly string[]): Promise<TaskRecord[]>;
  /** Applies the change where the task is still at `version`; the task after, or null when it changed meanwhile or is gone. */
  change(id: string, version: number, change: TaskChange): Promise<TaskRecord | null>;
  /** Deletes the task where it is still at `version`; false when it changed meanwhile or is gone. */
  delete(id: string, version: number): Promise<boolean>;
  /** Brings the open-task lists from the task as it was (`before`) to as it is (`after`, null: deleted). */
  syncLists(before: TaskRecord | null, after: TaskRecord | null): Promise<void>;
  /** The open tasks of an assignee, from their list (one `_id` read); entries may be stale, see `openTasks`. */
  openOfAssignee(userId: string): Promise<OpenTaskEntry[]>;
  /** The open tasks on a customer, from its list (one `_id` read); entries may be stale, see `openTasks`. */
  openOfCustomer(organizationId: string): Promise<OpenTaskEntry[]>;
  /** The open tasks themselves for list entries: by id, only those still open and matching the filter. */
  openTasks(entries: readonly OpenTaskEntry[], filter: TaskFilter): Promise<TaskRecord[]>;
  /** Every open task matching the filter (a query: a scan on the embedded engine). */
  queryOpen(filter: TaskFilter): Promise<TaskRecord[]>;
  /** Done tasks, most recently completed first. */
  pageOfDone(filter: TaskFilter, page: PageRequest): Promise<Page<TaskRecord>>;
  /** Every task (open and done) on a customer (a query: a scan on the embedded engine; merges only). */
  ofCustomer(organizationId: string): Promise<TaskRecord[]>;
  /** Deletes a customer's open-task list (after a merge moved its tasks away). */
  dropCustomerList(organizationId: string): Promise<void>;
}

const personFromDoc = (p: { id: unknown; name?: string | null; email?: string | null }): PersonRef => ({
  id: String(p.id), name: p.name ?? '', email: p.email ?? '',
});
const personToDoc = (p: PersonRef) => ({ id: oid(p.id), name: p.name, email: p.email });

export function taskFromDoc(d: TaskDoc): TaskRecord {
  return {
    id: str(d._id),
    title: d.title,
    note: d.note ?? null,
    organizationId: str(d.organizationId),
    organizationName: d.organizationName ?? '',
    contactIds: (d.contactIds ?? []).map(str),
    dueOn: d.dueOn,
    assignee: personFromDoc(d.assignee),
    createdBy: personFromDoc(d.createdBy),
    status: d.status,
    completedAt: d.completedAt ?? null,
    completedBy: d.completedBy ? personFromDoc(d.completedBy) : null,
    actionId: d.actionId ? str(d.actionId) : null,
    reopenCount: d.reopenCount ?? 0,
    version: d.version ?? 0,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

function changeToDoc(c: TaskChange): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) {
    if (v === undefined) continue;
    if (k === 'assignee') doc[k] = personToDoc(v as PersonRef);
    else if (k === 'completedBy') doc[k] = v ? personToDoc(v as PersonRef) : null;
    else if (k === 'contactIds') doc[k] = (v as string[]).map(oid);
    else if (k === 'actionId') doc[k] = oidOrNull(v as string | null);
    else if (k === 'organizationId') doc[k] = oid(v as string);
    else doc[k] = v;
  }
  return doc;
}

/** Entries put on an assignee's list by one update (the list document is rewritten whole on the embedded engine). */
const ASSIGNEE_BATCH = 500;

const assigneeKey = (userId: string) => `assignee:${userId}`;
const customerKey = (organizationId: string) => `customer:${organizationId}`;
const listKeys = (t: TaskRecord | null): string[] => (t && t.status === 'open' ? [assigneeKey(t.assignee.id), customerKey(t.organizationId)] : []);

const matches = (t: TaskRecord, f: TaskFilter): boolean =>
  (!f.assigneeId || t.assignee.id === f.assigneeId) && (!f.organizationId || t.organizationId === f.organizationId);

function filterDoc(f: TaskFilter, status: TaskStatus): Record<string, unknown> {
  return {
    ...(f.organizationId ? { organizationId: oid(f.organizationId) } : {}),
    status,
    ...(f.assigneeId ? { 'assignee.id': oid(f.assigneeId) } : {}),
  };
}

export function taskRepository(models: Models, engine: Engine): TaskRepository {
  const { Task, TaskList } = models;
  const getMany = async (ids: readonly string[]) => (await engine.findByIds<TaskDoc>(Task, ids.map(oid))).map(taskFromDoc);

  async function entriesOf(key: string): Promise<OpenTaskEntry[]> {
    const [doc] = await engine.findByIds<TaskListDoc>(TaskList, [key]);
    return Object.entries(doc?.tasks ?? {}).map(([id, e]) => ({
      id, title: e.title, dueOn: e.dueOn, organizationId: str(e.organizationId), organizationName: e.organizationName, assigneeId: str(e.assigneeId),
    }));
  }

  return {
    newId,
    async insert(task) {
      const doc = await Task.create({
        _id: oid(task.id), ...changeToDoc(task), organizationId: oid(task.organizationId), organizationName: task.organizationName,
        createdBy: personToDoc(task.createdBy), status: 'open', completedAt: null, completedBy: null, actionId: null, reopenCount: 0, version: 0,
      });
      return taskFromDoc(doc.toObject() as TaskDoc);
    },
    async insertIfAbsent(task) {
      try {
        return await this.insert(task);
      } catch (err) {
        if (isDuplicateKeyError(err)) return null;
        throw err;
      }
    },
    async insertManyIfAbsent(tasks) {
      const now = new Date();
      const made = tasks.map((task) => new Task({
          _id: oid(task.id), ...changeToDoc(task), organizationId: oid(task.organizationId), organizationName: task.organizationName,
          createdBy: personToDoc(task.createdBy), status: 'open', completedAt: null, completedBy: null, actionId: null, reopenCount: 0, version: 0,
          createdAt: now, updatedAt: now,
      }));
      // cast and checked by the schema as `create` would, then written together
      await Promise.all(made.map((d) => d.validate()));
      const docs = made.map((d) => d.toObject() as TaskDoc);
      const { duplicates } = await engine.insertMany(Task, docs);
      const taken = new Set(duplicates);
      return {
        created: docs.filter((_, i) => !taken.has(i)).map(taskFromDoc),
        taken: duplicates.map((i) => tasks[i]!.id),
      };
    },
    async get(id) {
      return (await getMany([id]))[0] ?? null;
    },
    getMany,
    async change(id, version, change) {
      const res = await engine.updateById<TaskDoc>(Task, oid(id), { $set: changeToDoc(change), $inc: { version: 1 } }, { where: { version }, returnDocument: 'after' });
      return res.doc ? taskFromDoc(res.doc) : null;
    },
    async delete(id, version) {
      return engine.deleteById(Task, oid(id), { version });
    },
    async syncLists(before, after) {
      const task = after ?? before;
      if (!task) return;
      const path = `tasks.${task.id}`;
      const version = after ? after.version : before!.version + 1;
      const keep = new Set(listKeys(after));
      const writes: Promise<unknown>[] = [];
      for (const key of listKeys(before)) {
        if (!keep.has(key)) writes.push(engine.updateById(TaskList, key, { $unset: { [path]: '' } }, { where: { [`${path}.v`]: { $lte: version } } }));
      }
      if (after) {
        const entry = {
          title: after.title, dueOn: after.dueOn, organizationId: oid(after.organizationId), organizationName: after.organizationName,
          assigneeId: oid(after.assignee.id), v: after.version,
        };
        for (const key of keep) {
          writes.push(engine.updateById(TaskList, key, { $set: { [path]: entry } }, { where: { $or: [{ [path]: null }, { [`${path}.v`]: { $lt: version } }] }, upsert: true }));
        }
      }
      await Promise.all(writes);
    },
    async listNew(tasks, only) {
      // (the assignee's list: one update of up to 500 entries, compare-and-set on each entry's `v`)
      const entry = (t: TaskRecord) => ({
        title: t.title, dueOn: t.dueOn, organizationId: oid(t.organizationId), organizationName: t.organizationName, assigneeId: oid(t.assignee.id), v: t.version,
      });
      const byAssignee = new Map<string, TaskRecord[]>();
      if (only !== 'customers') {
        for (const t of tasks.filter((x) => x.status === 'open')) byAssignee.set(t.assignee.id, [...(byAssignee.get(t.assignee.id) ?? []), t]);
      }
      for (const [assigneeId, theirs] of byAssignee) {
        for (let i = 0; i < theirs.length; i += ASSIGNEE_BATCH) {
          const batch = theirs.slice(i, i + ASSIGNEE_BATCH);
          const res = await engine.updateById(
            TaskList, assigneeKey(assigneeId),
            { $set: Object.fromEntries(batch.map((t) => [`tasks.${t.id}`, entry(t)])) },
            { where: { $and: batch.map((t) => ({ $or: [{ [`tasks.${t.id}`]: null }, { [`tasks.${t.id}.v`]: { $lte: t.version } }] })) }, upsert: true },
          ).catch(() => ({ matched: false }));
          if (!res.matched) for (const t of batch) await this.syncLists(null, t);
        }
      }
      // A customer's list: inserted whole where it does not exist yet (one insert of many lists, the
      // common case of a bulk operation), else the entry `$set` as for any task (compare on `v`).
      if (only === 'assignees') return;
      const open = tasks.filter((t) => t.status === 'open');
      const perCustomer = new Map<string, TaskRecord[]>();
      for (const t of open) perCustomer.set(t.organizationId, [...(perCustomer.get(t.organizationId) ?? []), t]);
      const orgs = [...perCustomer.keys()];
      const lists = orgs.map((org) => ({ _id: customerKey(org), tasks: Object.fromEntries(perCustomer.get(org)!.map((t) => [t.id, entry(t)])) }));
      const { duplicates } = await engine.insertMany(TaskList, lists);
      const existing = duplicates.flatMap((i) => perCustomer.get(orgs[i]!)!);
      let next = 0;
      await Promise.all(Array.from({ length: 8 }, async () => {
        while (next < existing.length) {
          const t = existing[next++]!;
          const path = `tasks.${t.id}`;
          await engine.updateById(TaskList, customerKey(t.organizationId), { $set: { [path]: entry(t) } }, { where: { $or: [{ [path]: null }, { [`${path}.v`]: { $lt: t.version } }] }, upsert: true });
        }
      }));
    },
    openOfAssignee: (userId) => entriesOf(assigneeKey(userId)),
    openOfCustomer: (organizationId) => entriesOf(customerKey(organizationId)),
    async openTasks(entries, filter) {
      return (await getMany(entries.map((e) => e.id))).filter((t) => t.status === 'open' && matches(t, filter));
    },
    async queryOpen(filter) {
      return (await Task.find(filterDoc(filter, 'open')).lean<TaskDoc[]>()).map(taskFromDoc);
    },
    async pageOfDone(filter, page) {
      const { skip, limit } = pageWindow(page);
      const docs = await Task.find(filterDoc(filter, 'done')).sort({ completedAt: -1, _id: -1 }).skip(skip).limit(limit).lean<TaskDoc[]>();
      return pageFrom(docs, page, taskFromDoc);
    },
    async ofCustomer(organizationId) {
      return (await Task.find({ organizationId: oid(organizationId) }).lean<TaskDoc[]>()).map(taskFromDoc);
    },
    async dropCustomerList(organizationId) {
      await engine.deleteById(TaskList, customerKey(organizationId));
    },
  };
}
