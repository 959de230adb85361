/**
 * Role × route entries of customer-data administration (imports, exports, care plans,
 * classifications, hand-overs, merges, the dashboard), kept beside their routers and listed
 * in the one table of ../permissions.
 */
import type { RouteRule } from '../permissions';

const EVERYONE = { account_manager: 'allow', management: 'allow', admin: 'allow' } as const;
const ADMINS = { admin: 'allow' } as const;
const READERS = { management: 'allow', admin: 'allow' } as const;

export const CUSTOMER_DATA_ROUTES: readonly RouteRule[] = [
  { method: 'POST', path: '/imports', resource: 'import', access: ADMINS },
  { method: 'GET', path: '/imports', resource: 'import', access: ADMINS },
  { method: 'GET', path: '/imports/:id', resource: 'import', access: ADMINS },

  { method: 'GET', path: '/exports/organizations.csv', resource: 'export', access: READERS },
  { method: 'GET', path: '/exports/contacts.csv', resource: 'export', access: READERS },

  { method: 'POST', path: '/care-plans/rules', resource: 'care_plan', access: ADMINS },
  { method: 'PATCH', path: '/care-plans/rules/:id', resource: 'care_plan', access: ADMINS },
  { method: 'DELETE', path: '/care-plans/rules/:id', resource: 'care_plan', access: ADMINS },

  { method: 'GET', path: '/classifications', resource: 'classification', access: EVERYONE },
  { method: 'POST', path: '/classifications', resource: 'classification', access: ADMINS },
  { method: 'PATCH', path: '/classifications/:id', resource: 'classification', access: ADMINS },
  { method: 'DELETE', path: '/classifications/:id', resource: 'classification', access: ADMINS },

  { method: 'POST', path: '/handovers', resource: 'organization', verb: 'handover', access: ADMINS },
  { method: 'POST', path: '/manager-assignments', resource: 'organization', verb: 'assign_managers', access: ADMINS },

  { method: 'POST', path: '/merges/organizations', resource: 'organization', verb: 'merge', access: ADMINS },
  { method: 'POST', path: '/merges/contacts', resource: 'contact', verb: 'merge', access: ADMINS },
  { method: 'GET', path: '/merges', resource: 'merge', access: ADMINS },

  { method: 'GET', path: '/dashboard', resource: 'dashboard', access: READERS },
];
