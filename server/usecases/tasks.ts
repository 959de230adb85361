/**
 * Follow-up tasks: create, list, change, complete (optionally logging the action the task was
 * about, through the same path as any manual action), reopen, delete. Every change of a task is a
 * compare-and-set on its version (persistence/repositories/tasks.ts), retried here on a conflict;
 * then the open-task lists of the assignee and the customer follow.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { Action } from '../../shared/contract';
import type {
  CompleteTaskResponse, CompleteTaskSchema, CreateTaskSchema, Task, TaskListQuerySchema, TaskPage, UpdateTaskSchema,
} from '../../shared/contract-tasks';
import { AppError } from '../errors';
import type { Repositories, TaskChange, TaskRecord } from '../persistence/repositories';
import { createAction } from './actions';
import { carePlanOf } from './carePlans';
import type { UseCaseContext } from './context';
import { actionView, personRef } from './views';

const ASSIGNABLE_ROLES = new Set(['account_manager', 'admin']);
const MAX_ATTEMPTS = 10;

async function assigneeRef(ctx: UseCaseContext, id: string) {
  const user = id === ctx.user.id ? ctx.user : await ctx.repos.users.get(id);
  if (!user || !ASSIGNABLE_ROLES.has(user.role)) throw AppError.invalid('assigneeId', 'must name an account manager or an administrator', 'invalid_value');
  return personRef(user);
}

async function checkContacts(ctx: UseCaseContext, organizationId: string, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const contacts = await ctx.repos.contacts.getMany(unique);
  if (contacts.filter((c) => c.organizationId === organizationId).length !== unique.length) {
    throw AppError.unprocessable('contactIds must name contacts of the task’s customer', 'contactIds');
  }
  return unique;
}

/** Tasks → the contract's shape, with the customers' and contacts' current names. */
async function taskViews(ctx: UseCaseContext, tasks: readonly TaskRecord[]): Promise<Task[]> {
  const [orgs, contacts] = await Promise.all([
    ctx.repos.customers.getMany([...new Set(tasks.map((t) => t.organizationId))]),
    ctx.repos.contacts.getMany([...new Set(tasks.flatMap((t) => t.contactIds))]),
  ]);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const contactName = new Map(contacts.map((c) => [c.id, c.name]));
  return tasks.map((t) => ({
    id: t.id,
    title: t.title,
    note: t.note,
    organization: { id: t.organizationId, name: orgName.get(t.organizationId) ?? t.organizationName },
    contacts: t.contactIds.flatMap((id) => (contactName.has(id) ? [{ id, name: contactName.get(id)! }] : [])),
    dueOn: t.dueOn,
    assignee: { ...t.assignee },
    createdBy: { ...t.createdBy },
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    status: t.status,
    completedAt: t.completedAt ? t.completedAt.toISOString() : null,
    completedBy: t.completedBy ? { ...t.completedBy } : null,
    actionId: t.actionId,
  }));
}

const taskView = async (ctx: UseCaseContext, t: TaskRecord): Promise<Task> => (await taskViews(ctx, [t]))[0]!;

async function existing(ctx: UseCaseContext, id: string): Promise<TaskRecord> {
  const task = await ctx.repos.tasks.get(id);
  if (!task) throw AppError.notFound('The task');
  return task;
}

/**
 * Changes a task as `decide` says on the task as it is (null: nothing to change), retried when
 * another writer changed it meanwhile; the lists follow. The task as it is after, and whether this call changed it.
 */
async function changeTask(
  ctx: UseCaseContext, id: string, decide: (t: TaskRecord) => Promise<TaskChange | null> | TaskChange | null,
): Promise<{ before: TaskRecord; after: TaskRecord; changed: boolean }> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const before = await existing(ctx, id);
    const change = await decide(before);
    if (!change) return { before, after: before, changed: false };
    const after = await ctx.repos.tasks.change(id, before.version, change);
    if (after) {
      await ctx.repos.tasks.syncLists(before, after);
      return { before, after, changed: true };
    }
  }
  throw new AppError('conflict', 'The task kept changing while it was being saved; try again');
}

export async function createTask(ctx: UseCaseContext, input: z.output<typeof CreateTaskSchema>): Promise<Task> {
  const [customer, assignee] = await Promise.all([
    ctx.repos.customers.get(input.organizationId),
    assigneeRef(ctx, input.assigneeId ?? ctx.user.id),
  ]);
  if (!customer) throw AppError.unprocessable('organizationId names no customer', 'organizationId');
  const contactIds = await checkContacts(ctx, customer.id, input.contactIds);
  const task = await ctx.repos.tasks.insert({
    id: ctx.repos.tasks.newId(),
    title: input.title,
    note: input.note ?? null,
    organizationId: customer.id,
    organizationName: customer.name,
    contactIds,
    dueOn: input.dueOn,
    assignee,
    createdBy: personRef(ctx.user),
  });
  await ctx.repos.tasks.syncLists(null, task);
  return taskView(ctx, task);
}

export async function getTask(ctx: UseCaseContext, id: string): Promise<Task> {
  return taskView(ctx, await existing(ctx, id));
}

const byDueDay = (a: TaskRecord, b: TaskRecord) =>
  a.dueOn.localeCompare(b.dueOn) || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);

export async function listTasks(ctx: UseCaseContext, q: z.output<typeof TaskListQuerySchema>): Promise<TaskPage> {
  const { repos } = ctx;
  const filter = { assigneeId: q.assigneeId === 'me' ? ctx.user.id : q.assigneeId, organizationId: q.organizationId };
  const skip = (q.page - 1) * q.pageSize;
  const want = q.pageSize + 1;
  if (q.status === 'done') {
    const done = await repos.tasks.pageOfDone(filter, q);
    return { ...done, items: await taskViews(ctx, done.items) };
  }
  const entries = filter.assigneeId
    ? await repos.tasks.openOfAssignee(filter.assigneeId)
    : filter.organizationId ? await repos.tasks.openOfCustomer(filter.organizationId) : null;
  const open = (entries ? await repos.tasks.openTasks(entries, filter) : await repos.tasks.queryOpen(filter)).sort(byDueDay);
  let picked = open.slice(skip, skip + want);
  if (q.status === 'all' && picked.length < want) {
    const doneSkip = Math.max(0, skip - open.length);
    const missing = want - picked.length;
    // A page of done tasks that starts `doneSkip` in and holds at least `missing` of them.
    const done = await repos.tasks.pageOfDone(filter, { page: 1, pageSize: doneSkip + missing });
    picked = [...picked, ...done.items.slice(doneSkip, doneSkip + missing)];
  }
  const items = await taskViews(ctx, picked.slice(0, q.pageSize));
  return { items, page: q.page, pageSize: q.pageSize, hasMore: picked.length > q.pageSize };
}

export async function updateTask(ctx: UseCaseContext, id: string, patch: z.output<typeof UpdateTaskSchema>): Promise<Task> {
  const assignee = patch.assigneeId !== undefined ? await assigneeRef(ctx, patch.assigneeId) : undefined;
  const { after } = await changeTask(ctx, id, async (t) => ({
    ...(patch.title !== undefined ? { title: patch.title } : {}),
    ...(patch.note !== undefined ? { note: patch.note } : {}),
    ...(patch.dueOn !== undefined ? { dueOn: patch.dueOn } : {}),
    ...(assignee ? { assignee } : {}),
    ...(patch.contactIds !== undefined ? { contactIds: await checkContacts(ctx, t.organizationId, patch.contactIds) } : {}),
  }));
  return taskView(ctx, after);
}

/**
 * The id of the action a task's completion logs: the same for every retry and every concurrent
 * attempt of that completion (also one retried because an edit changed the task meanwhile); a new
 * one after each reopening.
 */
const completionActionId = (task: TaskRecord): string =>
  createHash('sha256').update(`task-completion:${task.id}:${task.reopenCount}`).digest('hex').slice(0, 24);

export async function completeTask(ctx: UseCaseContext, id: string, body: z.output<typeof CompleteTaskSchema>): Promise<CompleteTaskResponse> {
  let logged: Action | null = null;
  const { after } = await changeTask(ctx, id, async (t) => {
    if (t.status === 'done') return null; // completed already: idempotent, no second action
    if (body.action) {
      const a = body.action;
      logged = await createAction(
        ctx,
        {
          kind: a.kind,
          occurredAt: a.occurredAt ?? ctx.now.toISOString(),
          subject: a.subject ?? t.title,
          excerpt: a.excerpt,
          organizationId: t.organizationId,
          contactIds: a.contactIds ?? t.contactIds,
        },
        { id: completionActionId(t) },
      );
    }
    return { status: 'done', completedAt: ctx.now, completedBy: personRef(ctx.user), actionId: logged ? logged.id : null };
  });
  const action = logged ?? (after.actionId ? await ctx.repos.actions.get(after.actionId).then((a) => (a ? actionView(a, ctx.now) : null)) : null);
  let carePlan = null;
  if (action) {
    const [customer, ref] = await Promise.all([ctx.repos.customers.get(after.organizationId), ctx.repos.reference.get()]);
    carePlan = customer ? carePlanOf(customer, ref.rules, ctx) : null;
  }
  return { task: await taskView(ctx, after), action, carePlan };
}

export async function reopenTask(ctx: UseCaseContext, id: string): Promise<Task> {
  const { after } = await changeTask(ctx, id, (t) =>
    t.status === 'open' ? null : { status: 'open', completedAt: null, completedBy: null, actionId: null, reopenCount: t.reopenCount + 1 },
  );
  return taskView(ctx, after);
}

export async function deleteTask(ctx: UseCaseContext, id: string): Promise<void> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const task = await existing(ctx, id);
    if (await ctx.repos.tasks.delete(id, task.version)) {
      await ctx.repos.tasks.syncLists(task, null);
      return;
    }
  }
  throw new AppError('conflict', 'The task kept changing while it was being deleted; try again');
}

/**
 * A merge: every task (open and done) of customer `from` onto customer `to`, each by a
 * compare-and-set on its version (retried when someone changed it meanwhile), its lists following
 * (off `customer:<from>`, onto `customer:<to>`; the assignee's entry names the new customer). A
 * repeat finds nothing left to move. Returns how many tasks moved.
 */
export async function moveTasksToCustomer(repos: Repositories, from: string, to: { id: string; name: string }): Promise<number> {
  let moved = 0;
  for (const listed of await repos.tasks.ofCustomer(from)) {
    let task: TaskRecord | null = listed;
    for (let attempt = 0; task && task.organizationId === from; attempt++) {
      if (attempt === MAX_ATTEMPTS) throw new AppError('conflict', 'A task of the merged customer kept changing while it was being moved; try the merge again');
      const after = await repos.tasks.change(task.id, task.version, { organizationId: to.id, organizationName: to.name });
      if (after) {
        await repos.tasks.syncLists(task, after);
        moved++;
        break;
      }
      task = await repos.tasks.get(task.id);
    }
  }
  return moved;
}
