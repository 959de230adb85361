/**
 * One declaration per API route, and what is derived from it.
 *
 * A declaration (`route({...})`, kept in server/http/routes/<area>.ts) names the method, the
 * path (Express syntax, relative to `/api/v1`), who may use the route, the input schemas of
 * the contract, the record kind its writes are audited under, and the handler that calls the
 * use case. From the declarations come
 * - the Express router (`routerOf`): Express matches the path; the route then
 *   1. takes JSON bodies only, unless it `accepts` other content types (the handler reads the stream);
 *   2. refuses a role without an entry in `access` (403; ./authorize);
 *   3. validates params, query and body with the declared schemas (400; ./validate);
 *   4. refuses the request when the role's condition fails on the validated input (403; ./authorize);
 *   5. audits a successful write as `action` (./audit);
 *   6. runs the handler with the request's use-case context (./context) and the validated input.
 *   A path or method that no declaration names is a 404.
 * - the role × route table (`ruleOf`), which the tests iterate;
 * - the audit entry's action name (`action`: `<resource>.<verb>`).
 */
import { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import type { Role } from '../../shared/domain/codes';
import { AppError } from '../errors';
import type { UseCaseContext } from '../usecases/context';
import { auditWrites } from './audit';
import { accessFor, authorizeInput } from './authorize';
import { contextOf, type ContextDeps } from './context';
import { requireJsonBody } from './errorHandler';
import { parseInput } from './validate';

/**
 * How a role may use a route:
 * - `allow`: always;
 * - `own_customer`: only for a customer (`:id`) the user is responsible or backup for;
 * - `own_contact`: only for a contact (`:id`) of such a customer, and only moved to such a customer;
 * - `potential_customer`: only when the new customer is a potential one (segment P);
 * - `own_task`: only for a task (`:id`) the user is the assignee or creator of, or that is on a
 *   customer they are responsible or backup for;
 * - `own_send_log`: only for a send log (`:token`) the user registered, or a token no log has yet;
 * - `own_opportunity`: only for an opportunity (`:id`) the user owns, or on a customer they are responsible or backup for;
 * - `own_offer`, `own_order`: only for an offer or order (`:id`) whose opportunity the user may change;
 * - `own_selection`: only for a selection (`:id`) the user owns;
 * - `own_campaign`: only for a campaign (`:id`) the user owns; `own_mailing`: a mailing (`:id`) of such a campaign.
 * A role absent from a route's `access` gets 403.
 */
export type Access = 'allow' | 'own_customer' | 'own_contact' | 'potential_customer' | 'own_task' | 'own_send_log' | 'own_opportunity' | 'own_offer' | 'own_order' | 'own_selection' | 'own_campaign' | 'own_mailing';
export type AccessRules = Readonly<Partial<Record<Role, Access>>>;

export const EVERYONE = { account_manager: 'allow', management: 'allow', admin: 'allow' } as const satisfies AccessRules;
/** Those who log mail and actions: account managers and admins (management writes nothing). */
export const LOGGERS = { account_manager: 'allow', admin: 'allow' } as const satisfies AccessRules;
/** Those who read reports and exports: management and admins. */
export const READERS = { management: 'allow', admin: 'allow' } as const satisfies AccessRules;
export const ADMINS = { admin: 'allow' } as const satisfies AccessRules;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const DEFAULT_VERB: Record<HttpMethod, string> = { GET: 'read', POST: 'create', PUT: 'update', PATCH: 'update', DELETE: 'delete' };

type Schema = z.ZodType | undefined;
type Parsed<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

/** The validated input of a request; a part without a schema is `undefined`. */
export interface RouteInput<P = unknown, Q = unknown, B = unknown> {
  params: P;
  query: Q;
  body: B;
}

/** What a handler gets: the use-case context, the validated input, and the request and response to answer. */
export interface RouteCall<P = unknown, Q = unknown, B = unknown> extends RouteInput<P, Q, B> {
  ctx: UseCaseContext;
  req: Request;
  res: Response;
}

interface RouteSpec<P extends Schema, Q extends Schema, B extends Schema> {
  method: HttpMethod;
  /** Relative to `/api/v1`, in Express syntax (`:name` is one path segment). */
  path: string;
  access: AccessRules;
  /** The kind of record the route reads or writes; writes are audited under it. */
  resource: string;
  /** Audit verb of a write, when not the method's default (POST create, PUT/PATCH update, DELETE delete). */
  verb?: string;
  /** A POST that changes nothing (a preview computed from its body): not audited. */
  readOnly?: true;
  /** A read that hands out data in bulk (an export of a selection): audited like a write. */
  audited?: true;
  params?: P;
  query?: Q;
  body?: B;
  /** The body is not JSON but one of these content types, read by the handler as a stream (a body without a type counts). */
  accepts?: readonly string[];
  /** Calls the use case and answers through `res`. */
  handler(call: RouteCall<Parsed<P>, Parsed<Q>, Parsed<B>>): unknown;
}

export interface RouteDeclaration {
  readonly method: HttpMethod;
  readonly path: string;
  readonly access: AccessRules;
  readonly resource: string;
  /** `<resource>.<verb>`: the action an audit entry of this route's writes names. */
  readonly action: string;
  /** Changes nothing although its method is a write's: not audited. */
  readonly readOnly?: true;
  readonly audited?: true;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  readonly accepts?: readonly string[];
  handler(call: RouteCall): unknown;
}

/** Declares a route; the handler's input is typed by the schemas given. */
export function route<P extends Schema = undefined, Q extends Schema = undefined, B extends Schema = undefined>(
  spec: RouteSpec<P, Q, B>,
): RouteDeclaration {
  const { verb, ...declaration } = spec;
  return { ...declaration, action: `${spec.resource}.${verb ?? DEFAULT_VERB[spec.method]}` };
}

/** An entry of the role × route table: what a declaration says about rights, without its schemas and handler. */
export interface RouteRule {
  method: HttpMethod;
  path: string;
  resource: string;
  action: string;
  access: AccessRules;
}

export const ruleOf = ({ method, path, resource, action, access }: RouteDeclaration): RouteRule => ({ method, path, resource, action, access });

export const ruleKey = (rule: Pick<RouteRule, 'method' | 'path'>): string => `${rule.method} ${rule.path}`;

/** Mistakes in the declarations stop the start rather than open or close a route by accident. */
function checkDeclarations(declarations: readonly RouteDeclaration[]): void {
  const seen = new Set<string>();
  for (const d of declarations) {
    const key = ruleKey(d);
    if (seen.has(key)) throw new Error(`${key} is declared twice`);
    seen.add(key);
    if (d.path.includes(':') && !d.params) throw new Error(`${key} has path parameters but no params schema`);
    const conditions = new Set(Object.values(d.access));
    if ((conditions.has('own_customer') || conditions.has('own_contact') || conditions.has('own_task')) && !d.params) throw new Error(`${key}: its access names a record but it declares no params`);
    if ((conditions.has('own_contact') || conditions.has('potential_customer')) && !d.body) throw new Error(`${key}: its access reads the body but it declares no body schema`);
  }
}

/** Does the request carry a body of one of these types? A body without a Content-Type is application/octet-stream (RFC 9110 §8.3). */
function bodyIsOneOf(req: Request, types: readonly string[]): boolean {
  if (!req.headers['content-type']) return Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  return typeof req.is([...types]) === 'string';
}

function serve(d: RouteDeclaration, deps: ContextDeps): RequestHandler {
  return async (req, res) => {
    const access = accessFor(d, req.user!);
    const input: RouteInput = {
      params: d.params ? parseInput(d.params, req.params, 'params') : undefined,
      query: d.query ? parseInput(d.query, req.query, 'query') : undefined,
      body: d.body ? parseInput(d.body, req.body, 'body') : undefined,
    };
    if (d.accepts && !bodyIsOneOf(req, d.accepts)) {
      throw new AppError('unsupported_media_type', `Send the file as the request body with Content-Type: ${d.accepts[0]}`);
    }
    const ctx = contextOf(req, deps);
    await authorizeInput(access, ctx, input);
    await d.handler({ ...input, ctx, req, res });
  };
}

const noSuchRoute: RequestHandler = (req, _res, next) => {
  next(new AppError('not_found', `No route for ${req.method} ${req.path}`));
};

/** A path segment that is not valid percent-encoding names no route (Express reports it as a URIError). */
const undecodablePath: ErrorRequestHandler = (err, req, _res, next) => {
  next(err instanceof URIError ? new AppError('not_found', `No route for ${req.method} ${req.path}`) : err);
};

/**
 * The Express router of the declarations, for mounting behind the API gate (sign-in, limits,
 * JSON parsing). It ends every request it sees: what no declaration matches is a 404, so a
 * router mounted after it at the same prefix is never reached.
 */
export function routerOf(declarations: readonly RouteDeclaration[], deps: ContextDeps): Router {
  checkDeclarations(declarations);
  const router = Router();
  for (const d of declarations) {
    const handlers: RequestHandler[] = [
      ...(d.accepts ? [] : [requireJsonBody]),
      ...((WRITE_METHODS.has(d.method) && !d.readOnly) || d.audited ? [auditWrites(deps.repos, ruleOf(d))] : []),
      serve(d, deps),
    ];
    router[d.method.toLowerCase() as Lowercase<HttpMethod>](d.path, ...handlers);
  }
  router.use(noSuchRoute);
  router.use(undecodablePath);
  return router;
}
