/**
 * Follow-up tasks (shared/contract-tasks.ts). Who may do what:
 * - `account_manager`: reads every task; creates a task on any customer (assigned to themselves
 *   unless they name another account manager or administrator); changes, completes, reopens and
 *   deletes a task they are the assignee or the creator of, or that is on a customer they are the
 *   responsible person or the backup for (`own_task`).
 * - `management`: reads tasks only.
 * - `admin`: everything.
 * Writes are audited under `task` (`task.create`, `task.update`, `task.complete`, `task.reopen`, `task.delete`).
 */
import { z } from 'zod';
import { IdSchema } from '../../../shared/contract';
import { CompleteTaskSchema, CreateTaskSchema, TaskListQuerySchema, UpdateTaskSchema } from '../../../shared/contract-tasks';
import { completeTask, createTask, deleteTask, getTask, listTasks, reopenTask, updateTask } from '../../usecases/tasks';
import { EVERYONE, LOGGERS, route, type AccessRules, type RouteDeclaration } from '../route';

const IdParams = z.strictObject({ id: IdSchema });
const TASK_KEEPERS = { account_manager: 'own_task', admin: 'allow' } as const satisfies AccessRules;

export const TASK_ROUTES: readonly RouteDeclaration[] = [
  route({
    method: 'GET', path: '/tasks', resource: 'task', access: EVERYONE, query: TaskListQuerySchema,
    handler: async ({ ctx, query, res }) => res.json(await listTasks(ctx, query)),
  }),
  route({
    method: 'POST', path: '/tasks', resource: 'task', access: LOGGERS, body: CreateTaskSchema,
    handler: async ({ ctx, body, res }) => res.status(201).json(await createTask(ctx, body)),
  }),
  route({
    method: 'GET', path: '/tasks/:id', resource: 'task', access: EVERYONE, params: IdParams,
    handler: async ({ ctx, params, res }) => res.json(await getTask(ctx, params.id)),
  }),
  route({
    method: 'PATCH', path: '/tasks/:id', resource: 'task', access: TASK_KEEPERS, params: IdParams, body: UpdateTaskSchema,
    handler: async ({ ctx, params, body, res }) => res.json(await updateTask(ctx, params.id, body)),
  }),
  route({
    method: 'POST', path: '/tasks/:id/complete', resource: 'task', verb: 'complete', access: TASK_KEEPERS, params: IdParams, body: CompleteTaskSchema,
    handler: async ({ ctx, params, body, res }) => res.json(await completeTask(ctx, params.id, body)),
  }),
  route({
    method: 'POST', path: '/tasks/:id/reopen', resource: 'task', verb: 'reopen', access: TASK_KEEPERS, params: IdParams,
    handler: async ({ ctx, params, res }) => res.json(await reopenTask(ctx, params.id)),
  }),
  route({
    method: 'DELETE', path: '/tasks/:id', resource: 'task', access: TASK_KEEPERS, params: IdParams,
    handler: async ({ ctx, params, res }) => {
      await deleteTask(ctx, params.id);
      res.status(204).end();
    },
  }),
];
