/**
 * Selections (shared/contract-selections.ts). Who may do what:
 * - `account_manager`: reads their own and the shared selections and their members; creates
 *   selections; changes, freezes, changes the members of and deletes their own (`own_selection`).
 * - `management`: reads the shared selections and their members, and exports them.
 * - `admin`: everything, every selection; hands a selection's customers over to other managers,
 *   changes their segment and adds or removes their classifications.
 * Account managers and admins create a follow-up task on every member of a selection they see.
 * Exports (of its customers, `export`, or of its contacts, `export_contacts`) follow the customer
 * export's rule (management and administrators). Writes and exports are audited under `selection`.
 * The list operations (managers, segment, classifications, tasks) answer JSON, or with
 * `Accept: application/x-ndjson` their progress line by line (../progress).
 */
import type { Writable } from 'node:stream';
import { z } from 'zod';
import { IdSchema } from '../../../shared/contract';
import {
  AssignSelectionManagersSchema, ChangeMembersSchema, SelectionTasksSchema, CreateSelectionSchema, FreezeSelectionSchema, SelectionExportQuerySchema, SelectionMembersQuerySchema,
  UpdateSelectionSchema, SelectionClassificationsSchema, SelectionSegmentSchema,
} from '../../../shared/contract-selections';
import {
  assignSelectionManagers, changeMembers, createSelection, createSelectionTasks, deleteSelection, exportSelectionContactsCsv, exportSelectionContactsXlsx, exportSelectionCsv,
  exportSelectionXlsx, freezeSelection, getSelection, listSelections, selectionContactsPage, selectionMembersPage, updateSelection, changeSelectionClassifications, changeSelectionSegment,
} from '../../usecases/selections';
import type { UseCaseContext } from '../../usecases/context';
import { answerWithProgress } from '../progress';
import { ADMINS, EVERYONE, LOGGERS, READERS, route, type AccessRules, type RouteDeclaration } from '../route';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const IdParams = z.strictObject({ id: IdSchema });
const SELECTION_OWNERS = { account_manager: 'own_selection', admin: 'allow' } as const satisfies AccessRules;

type ExportHeaders = 'en' | 'fi';
/** A selection's rows streamed as CSV (the use case names the file, then writes to the answer); audited as `verb`. */
const csvExport = (file: string, verb: string, write: (ctx: UseCaseContext, id: string, headers: ExportHeaders, start: (fileName: string) => Writable) => Promise<unknown>) =>
  route({
    method: 'GET', path: `/selections/:id/${file}`, resource: 'selection', verb, audited: true, access: READERS, params: IdParams, query: SelectionExportQuerySchema,
    handler: async ({ ctx, params, query, res }) => {
      await write(ctx, params.id, query.headers, (fileName) => {
        res.status(200).type('text/csv; charset=utf-8').attachment(fileName).setHeader('Cache-Control', 'no-store');
        return res;
      });
      res.end();
    },
  });
/** A selection's rows as an Excel workbook; audited as `verb`. */
const xlsxExport = (file: string, verb: string, build: (ctx: UseCaseContext, id: string, headers: ExportHeaders) => Promise<{ fileName: string; xlsx: Buffer }>) =>
  route({
    method: 'GET', path: `/selections/:id/${file}`, resource: 'selection', verb, audited: true, access: READERS, params: IdParams, query: SelectionExportQuerySchema,
    handler: async ({ ctx, params, query, res }) => {
      const { fileName, xlsx } = await build(ctx, params.id, query.headers);
      res.status(200).type(XLSX).attachment(fileName).setHeader('Cache-Control', 'no-store');
      res.send(xlsx);
    },
  });

export const SELECTION_ROUTES: readonly RouteDeclaration[] = [
  route({
    method: 'GET', path: '/selections', resource: 'selection', access: EVERYONE,
    handler: async ({ ctx, res }) => res.json(await listSelections(ctx)),
  }),
  route({
    method: 'POST', path: '/selections', resource: 'selection', access: LOGGERS, body: CreateSelectionSchema,
    handler: async ({ ctx, body, res }) => res.status(201).json(await createSelection(ctx, body)),
  }),
  route({
    method: 'GET', path: '/selections/:id', resource: 'selection', access: EVERYONE, params: IdParams,
    handler: async ({ ctx, params, res }) => res.json(await getSelection(ctx, params.id)),
  }),
  route({
    method: 'PATCH', path: '/selections/:id', resource: 'selection', access: SELECTION_OWNERS, params: IdParams, body: UpdateSelectionSchema,
    handler: async ({ ctx, params, body, res }) => res.json(await updateSelection(ctx, params.id, body)),
  }),
  route({
    method: 'DELETE', path: '/selections/:id', resource: 'selection', access: SELECTION_OWNERS, params: IdParams,
    handler: async ({ ctx, params, res }) => {
      await deleteSelection(ctx, params.id);
      res.status(204).end();
    },
  }),
  route({
    method: 'POST', path: '/selections/:id/freeze', resource: 'selection', verb: 'freeze', access: SELECTION_OWNERS, params: IdParams, body: FreezeSelectionSchema,
    handler: async ({ ctx, params, body, res }) => res.json(await freezeSelection(ctx, params.id, body.version)),
  }),
  route({
    method: 'POST', path: '/selections/:id/members', resource: 'selection', verb: 'members', access: SELECTION_OWNERS, params: IdParams, body: ChangeMembersSchema,
    handler: async ({ ctx, params, body, res }) => res.json(await changeMembers(ctx, params.id, body)),
  }),
  route({
    method: 'GET', path: '/selections/:id/members', resource: 'selection', access: EVERYONE, params: IdParams, query: SelectionMembersQuerySchema,
    handler: async ({ ctx, params, query, res }) => res.json(await selectionMembersPage(ctx, params.id, query)),
  }),
  csvExport('export.csv', 'export', exportSelectionCsv),
  xlsxExport('export.xlsx', 'export', exportSelectionXlsx),
  route({
    method: 'GET', path: '/selections/:id/contacts', resource: 'selection', access: EVERYONE, params: IdParams, query: SelectionMembersQuerySchema,
    handler: async ({ ctx, params, query, res }) => res.json(await selectionContactsPage(ctx, params.id, query)),
  }),
  csvExport('contacts.csv', 'export_contacts', exportSelectionContactsCsv),
  xlsxExport('contacts.xlsx', 'export_contacts', exportSelectionContactsXlsx),
  route({
    method: 'POST', path: '/selections/:id/managers', resource: 'selection', verb: 'managers', access: ADMINS, params: IdParams, body: AssignSelectionManagersSchema,
    handler: ({ ctx, params, body, req, res }) => answerWithProgress(req, res, (onProgress) => assignSelectionManagers(ctx, params.id, body, onProgress)),
  }),
  route({
    method: 'POST', path: '/selections/:id/segment', resource: 'selection', verb: 'segment', access: ADMINS, params: IdParams, body: SelectionSegmentSchema,
    handler: ({ ctx, params, body, req, res }) => answerWithProgress(req, res, (onProgress) => changeSelectionSegment(ctx, params.id, body, onProgress)),
  }),
  route({
    method: 'POST', path: '/selections/:id/classifications', resource: 'selection', verb: 'classifications', access: ADMINS, params: IdParams, body: SelectionClassificationsSchema,
    handler: ({ ctx, params, body, req, res }) => answerWithProgress(req, res, (onProgress) => changeSelectionClassifications(ctx, params.id, body, onProgress)),
  }),
  route({
    method: 'POST', path: '/selections/:id/tasks', resource: 'selection', verb: 'tasks', access: LOGGERS, params: IdParams, body: SelectionTasksSchema,
    handler: ({ ctx, params, body, req, res }) => answerWithProgress(req, res, (onProgress) => createSelectionTasks(ctx, params.id, body, onProgress)),
  }),
];
