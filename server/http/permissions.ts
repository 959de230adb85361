/**
 * Who may do what: the one role × route table of the API (`/api/v1`). The authorization
 * middleware (./authorize) enforces it in front of every router, and the tests iterate it.
 *
 * - `account_manager`: reads all customers and contacts; logs mail and actions; creates
 *   contacts and potential (segment P) customers; changes the customers they are the
 *   responsible person or the backup for, and those customers' contacts.
 * - `management`: reads everything, reports; writes nothing.
 * - `admin`: everything, including care plans, classifications, users, imports and the audit log.
 *
 * A route that is mounted but has no entry here answers 404 to everyone (fail closed), and
 * `test/server/auth/permissions.test.ts` fails: add the entry with the route (and a sample
 * request in that test). Mount new routers in server/http/app.ts after the gate
 * (`app.use(API_PREFIX, …authorize…)`); the same test checks that every route needs a token.
 * Paths are relative to `/api/v1`, in Express syntax (`:name` is one path segment).
 */
import type { Role } from '../../shared/domain/codes';
import { CUSTOMER_DATA_ROUTES } from './routes/customerDataRules';

/**
 * How a role may use a route:
 * - `allow`: always;
 * - `own_customer`: only for a customer (`:id`) the user is responsible or backup for;
 * - `own_contact`: only for a contact (`:id`) of such a customer, and only moved to such a customer;
 * - `potential_customer`: only when the new customer is a potential one (segment P).
 * A role absent from a route's `access` gets 403.
 */
export type Access = 'allow' | 'own_customer' | 'own_contact' | 'potential_customer';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteRule {
  method: HttpMethod;
  path: string;
  /** The kind of record the route reads or writes; writes are audited under it. */
  resource: string;
  /** Audit verb for a write, when not the method's default (POST create, PUT/PATCH update, DELETE delete). */
  verb?: string;
  access: Partial<Record<Role, Access>>;
}

const EVERYONE = { account_manager: 'allow', management: 'allow', admin: 'allow' } as const;
const LOGGERS = { account_manager: 'allow', admin: 'allow' } as const;
const ADMINS = { admin: 'allow' } as const;

export const ROUTE_TABLE: readonly RouteRule[] = [
  { method: 'GET', path: '/me', resource: 'user', access: EVERYONE },
  { method: 'GET', path: '/lookup', resource: 'lookup', access: EVERYONE },

  { method: 'POST', path: '/actions/email', resource: 'action', verb: 'log_email', access: LOGGERS },
  { method: 'POST', path: '/actions', resource: 'action', access: LOGGERS },

  { method: 'GET', path: '/organizations', resource: 'organization', access: EVERYONE },
  { method: 'POST', path: '/organizations', resource: 'organization', access: { account_manager: 'potential_customer', admin: 'allow' } },
  { method: 'GET', path: '/organizations/:id', resource: 'organization', access: EVERYONE },
  { method: 'PATCH', path: '/organizations/:id', resource: 'organization', access: { account_manager: 'own_customer', admin: 'allow' } },
  { method: 'GET', path: '/organizations/:id/actions', resource: 'action', access: EVERYONE },

  { method: 'GET', path: '/contacts', resource: 'contact', access: EVERYONE },
  { method: 'POST', path: '/contacts', resource: 'contact', access: LOGGERS },
  { method: 'GET', path: '/contacts/:id', resource: 'contact', access: EVERYONE },
  { method: 'PATCH', path: '/contacts/:id', resource: 'contact', access: { account_manager: 'own_contact', admin: 'allow' } },

  { method: 'GET', path: '/care-plans', resource: 'care_plan', access: EVERYONE },

  { method: 'GET', path: '/users', resource: 'user', access: { management: 'allow', admin: 'allow' } },
  { method: 'POST', path: '/users', resource: 'user', access: ADMINS },
  { method: 'PATCH', path: '/users/:id', resource: 'user', access: ADMINS },

  { method: 'GET', path: '/audit', resource: 'audit', access: ADMINS },

  // Imports, exports, care plans, classifications, hand-overs, merges, dashboard.
  ...CUSTOMER_DATA_ROUTES,
];

export const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const ruleKey = (rule: Pick<RouteRule, 'method' | 'path'>): string => `${rule.method} ${rule.path}`;

/** A route path compiled to a matcher: literal segments compare case-insensitively (as Express does), `:name` takes one segment. */
export function compilePath(path: string): (requestPath: string) => Record<string, string> | null {
  const pattern = path.split('/').filter(Boolean);
  return (requestPath) => {
    const parts = requestPath.replace(/\/+$/, '').split('/').filter(Boolean);
    if (parts.length !== pattern.length) return null;
    const params: Record<string, string> = {};
    for (const [i, seg] of pattern.entries()) {
      const part = parts[i]!;
      if (seg.startsWith(':')) {
        try {
          params[seg.slice(1)] = decodeURIComponent(part);
        } catch {
          return null;
        }
      } else if (seg.toLowerCase() !== part.toLowerCase()) {
        return null;
      }
    }
    return params;
  };
}
