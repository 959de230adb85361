/**
 * Where things live in the web app (served at /app/ by the same server): paths for its router
 * and for links, and absolute URLs from the configured origin for the task pane ("open in the
 * web app") and for mails.
 */
export const APP_BASE = '/app';

const seg = (id: string) => encodeURIComponent(id);

export const desktopPath = () => '/';
export const customersPath = () => '/customers';
export const customerPath = (id: string) => `/customers/${seg(id)}`;
export const contactPath = (id: string) => `/contacts/${seg(id)}`;
export const tasksPath = () => '/tasks';
export const pipelinePath = () => '/pipeline';
export const opportunityPath = (id: string) => `/opportunities/${seg(id)}`;
export const offerPath = (id: string) => `/offers/${seg(id)}`;
export const ordersPath = () => '/orders';
export const selectionsPath = () => '/selections';
export const selectionPath = (id: string) => `/selections/${seg(id)}`;
export const campaignsPath = () => '/campaigns';
export const campaignPath = (id: string) => `/campaigns/${seg(id)}`;
export const mailingPath = (id: string) => `/mailings/${seg(id)}`;
export const outboxPath = () => '/outbox';
export const surveysPath = () => '/surveys';
export const surveyPath = (id: string) => `/surveys/${seg(id)}`;
export const taskPath = (id: string) => `/tasks/${seg(id)}`;
export const dashboardPath = () => '/dashboard';
export const reportsPath = () => '/reports';
export const adminPath = (page?: string) => (page ? `/admin/${seg(page)}` : '/admin');

/** A path of the router (relative to /app) as an absolute URL on `origin`, such as `https://crm.omnia.fi`. */
export function appUrl(origin: string, path: string): string {
  return new URL(`${APP_BASE}${path === '/' ? '/' : path}`, origin.endsWith('/') ? origin : `${origin}/`).href;
}

export const customerUrl = (origin: string, id: string) => appUrl(origin, customerPath(id));
export const contactUrl = (origin: string, id: string) => appUrl(origin, contactPath(id));
export const taskUrl = (origin: string, id: string) => appUrl(origin, taskPath(id));
export const opportunityUrl = (origin: string, id: string) => appUrl(origin, opportunityPath(id));
export const offerUrl = (origin: string, id: string) => appUrl(origin, offerPath(id));
