/**
 * Enforces the role × route table (./permissions) in front of every /api/v1 router.
 * Fail closed: a request no table entry matches is a 404, a role without an entry a 403.
 * When several entries match one path (a literal route beside a `:param` one), the request
 * must pass all of them.
 */
import type { Request, RequestHandler } from 'express';
import { AppError } from '../errors';
import type { Models } from '../persistence/models';
import { contactCareVerdict, customerCareVerdict, type Verdict } from '../usecases/access';
import { compilePath, ROUTE_TABLE, type Access, type RouteRule } from './permissions';

export interface MatchedRoute {
  rule: RouteRule;
  params: Record<string, string>;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** The table entry the request was authorised by (set by `authorize`). */
    authorizedRoute?: MatchedRoute;
  }
}

type Check = (models: Models, req: Request, params: Record<string, string>) => Promise<Verdict>;

const bodyField = (req: Request, field: string): unknown =>
  typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>)[field] : undefined;

const CHECKS: Record<Exclude<Access, 'allow'>, { check: Check; refusal: string }> = {
  own_customer: {
    check: (models, req, params) => customerCareVerdict(models, req.user!, params.id),
    refusal: 'Only the customer’s responsible person, its backup or an administrator can change this customer',
  },
  own_contact: {
    check: (models, req, params) => contactCareVerdict(models, req.user!, params.id, bodyField(req, 'organizationId')),
    refusal: 'Only the responsible person or backup of the contact’s customer, or an administrator, can change this contact',
  },
  potential_customer: {
    check: async (_models, req) => {
      const segment = bodyField(req, 'segment');
      return segment === undefined || segment === 'P' ? 'allowed' : 'denied';
    },
    refusal: 'Account managers can add potential customers (segment P); an administrator sets other segments',
  },
};

export function matchRoutes(method: string, path: string, table: readonly RouteRule[] = ROUTE_TABLE): MatchedRoute[] {
  const wanted = method === 'HEAD' ? 'GET' : method;
  const hits: MatchedRoute[] = [];
  for (const rule of table) {
    if (rule.method !== wanted) continue;
    const params = compilePath(rule.path)(path);
    if (params) hits.push({ rule, params });
  }
  // The most literal entry first: it names the route for the audit log.
  return hits.sort((a, b) => Object.keys(a.params).length - Object.keys(b.params).length);
}

export function authorize(models: Models, table: readonly RouteRule[] = ROUTE_TABLE): RequestHandler {
  return async (req, _res, next) => {
    try {
      const hits = matchRoutes(req.method, req.path, table);
      if (hits.length === 0) return next(new AppError('not_found', `No route for ${req.method} ${req.path}`));
      const role = req.user!.role;
      for (const { rule, params } of hits) {
        const access = rule.access[role];
        if (!access) return next(new AppError('forbidden', `Your role (${role}) does not allow ${rule.method} ${rule.path}`));
        if (access === 'allow') continue;
        const { check, refusal } = CHECKS[access];
        if ((await check(models, req, params)) === 'denied') return next(new AppError('forbidden', refusal));
      }
      req.authorizedRoute = hits[0];
      next();
    } catch (err) {
      next(err);
    }
  };
}
