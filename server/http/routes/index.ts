/**
 * Every `/api/v1` route, declared once in its area's module (./customers, ./users, …), and
 * what is derived from the declarations: the Express router mounted behind the API gate and
 * the role × route table that the tests iterate.
 *
 * Who may do what:
 * - `account_manager`: reads all customers and contacts; logs mail and actions; creates
 *   contacts and potential (segment P) customers; changes the customers they are the
 *   responsible person or the backup for, and those customers' contacts.
 *   Follow-up tasks (./tasks): creates them on any customer; changes, completes, reopens and
 *   deletes those they are the assignee or creator of, or that are on a customer they are
 *   responsible or backup for.
 * - `management`: reads everything (tasks included), reports; writes nothing.
 * - `admin`: everything, including care plans, classifications, users, imports and the audit log.
 *
 * A new route is a new declaration in its area (with a sample request in
 * test/server/auth/permissions.test.ts, which fails without one). There is no other way onto
 * `/api/v1`: the router answers 404 to whatever no declaration names.
 */
import type { Router } from 'express';
import type { ContextDeps } from '../context';
import { routerOf, ruleOf, type RouteDeclaration, type RouteRule } from '../route';
import { ADMINISTRATION_ROUTES } from './administration';
import { AUDIT_ROUTES } from './audit';
import { CAMPAIGN_ROUTES } from './campaigns';
import { CONVERSATION_ROUTES } from './conversations';
import { CUSTOMER_ROUTES } from './customers';
import { DESK_ROUTES } from './desk';
import { EXPORT_ROUTES } from './exports';
import { FEEDBACK_ROUTES } from './feedback';
import { IMPORT_ROUTES } from './imports';
import { REPORT_ROUTES } from './reports';
import { SALES_ROUTES } from './sales';
import { SELECTION_ROUTES } from './selections';
import { SENDING_ROUTES } from './sending';
import { TASK_ROUTES } from './tasks';
import { USER_ROUTES } from './users';

export const API_ROUTES: readonly RouteDeclaration[] = [
  ...USER_ROUTES,
  ...CUSTOMER_ROUTES,
  // Log when sent: the send logs of drafts.
  ...SENDING_ROUTES,
  // Tracked conversations: later mails of a conversation logged automatically.
  ...CONVERSATION_ROUTES,
  ...DESK_ROUTES,
  ...AUDIT_ROUTES,
  // Customer-data administration: imports, exports, care plans, classifications, hand-overs, merges, dashboard.
  ...IMPORT_ROUTES,
  ...EXPORT_ROUTES,
  ...ADMINISTRATION_ROUTES,
  // Follow-up tasks.
  ...TASK_ROUTES,
  // The sales pipeline: the product catalogue.
  ...SALES_ROUTES,
  ...SELECTION_ROUTES,
  // Campaigns and mailings.
  ...CAMPAIGN_ROUTES,
  // The reports page: compliance, actions and pipeline over a period, with downloads.
  ...REPORT_ROUTES,
  // Feedback: surveys, invitations, responses, the NPS report.
  ...FEEDBACK_ROUTES,
];

/** The role × route table: each declaration's method, path, audit resource and action, and access per role. */
export const ROUTE_TABLE: readonly RouteRule[] = API_ROUTES.map(ruleOf);

export const apiRouter = (deps: ContextDeps): Router => routerOf(API_ROUTES, deps);
