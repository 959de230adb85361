/**
 * The public pages (`/p/...`): the product's only surfaces for people who do not sign in. Each
 * page is reached with a signed token (../../auth/publicTokens) that names one recipient and one
 * purpose; nothing else of the CRM is reachable from here. In front of every page: a per-address
 * rate limit of its own, form bodies only (small), and an HTML answer for every refusal, never
 * JSON or a stack.
 */
import express, { Router, type ErrorRequestHandler, type Request } from 'express';
import type { Logger } from 'pino';
import type { PublicTokens } from '../../auth/publicTokens';
import { AppError } from '../../errors';
import { recordPublicAudit, type PublicAuditInput } from '../../usecases/audit';
import type { Repositories, UseCaseSettings } from '../../usecases/context';
import { createRateLimiters, type RateLimitStore } from '../rateLimit';
import { feedbackPage } from './feedback';
import { html, sendPage, visitorLanguage } from './page';
import { PUBLIC_TEXTS } from './texts';
import { unsubscribePage } from './unsubscribe';

export interface PublicPageDeps {
  repos: Repositories;
  settings: UseCaseSettings;
  tokens: PublicTokens;
  clock?: () => Date;
  logger: Logger;
  rateLimitStore: RateLimitStore;
  /** Requests per minute per client address (default 60). */
  perIpPerMinute?: number;
}

/**
 * Records a contact's write on a public page in the audit log before the page answers; a failure to
 * store it is logged and the page still answers (the write itself is done), as the API's audit does.
 */
export async function auditPublicWrite(deps: PublicPageDeps, req: Request, entry: Omit<PublicAuditInput, 'requestId'>): Promise<void> {
  try {
    await recordPublicAudit(deps.repos, { ...entry, contact: { id: entry.contact.id, name: entry.contact.name.trim() || '–' }, requestId: req.id === undefined ? null : String(req.id) });
  } catch (err) {
    deps.logger.error({ err }, 'audit entry of a public page could not be stored');
  }
}

/** One public page's routes, mounted under `/p`. */
export type PublicPageRouter = (deps: PublicPageDeps) => Router;

export const PUBLIC_PREFIX = '/p';

/** Every public page. */
export const PUBLIC_PAGES: readonly PublicPageRouter[] = [unsubscribePage, feedbackPage];

export function publicPagesRouter(deps: PublicPageDeps, pages: readonly PublicPageRouter[]): Router {
  const router = Router();
  const limits = createRateLimiters(deps.rateLimitStore, { perUser: 0, perIp: deps.perIpPerMinute ?? 60, windowSeconds: 60 }, 'public:');
  router.use(limits.perIp);
  router.use(express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 50 }));
  for (const page of pages) router.use(page(deps));
  router.use((req, res) => {
    const lang = visitorLanguage(req.headers['accept-language']);
    const t = PUBLIC_TEXTS[lang];
    sendPage(res, 404, { lang, title: t.notFoundTitle, body: html`<h1>${t.notFoundTitle}</h1><p>${t.notFoundBody}</p>` });
  });
  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    const lang = visitorLanguage(req.headers['accept-language']);
    const t = PUBLIC_TEXTS[lang];
    const status = err instanceof AppError ? err.status : typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status >= 500) deps.logger.error({ err }, 'public page failed');
    if (err instanceof AppError && err.headers) for (const [k, v] of Object.entries(err.headers)) res.setHeader(k, v);
    const [title, body] = status === 429 ? [t.tooManyTitle, t.tooManyBody] : status >= 500 ? [t.failedTitle, t.failedBody] : [t.badRequestTitle, t.badRequestBody];
    sendPage(res, status, { lang, title, body: html`<h1>${title}</h1><p>${body}</p>` });
  };
  router.use(onError);
  return router;
}
