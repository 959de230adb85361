/**
 * Audits every successful write through the API (./route installs it on every write route):
 * who (the signed-in user), what (the route's `action`, `<resource>.<verb>`), when, which record
 * (the `:id`, or the id the answer carries) and which fields (names only).
 * An answer (JSON or not: a 204, a file) is held until its audit entry is stored, so once a
 * client has seen a write succeed, the audit log already shows it. A write that changed nothing (`created: false`)
 * is not a write.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { Repositories } from '../usecases/context';
import { changedFieldsOf, recordAudit } from '../usecases/audit';
import type { RouteRule } from './route';

function recordIdOf(req: Request, body: unknown): string | null {
  const fromParams = req.params.id;
  if (typeof fromParams === 'string' && fromParams) return fromParams;
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  for (const candidate of [b.id, (b.action as { id?: unknown } | undefined)?.id, (b.contact as { id?: unknown } | undefined)?.id]) {
    if (typeof candidate === 'string') return candidate;
  }
  return null;
}

/** The audit of one write route, declared as `rule`; it runs before the route's checks and records only a 2xx. */
export function auditWrites(repos: Repositories, rule: RouteRule): RequestHandler {
  const route = `${rule.method} ${rule.path}`;
  return (req, res, next) => {
    if (!req.user) return next();
    let done = false;

    const entry = (status: number, body: unknown) => ({
      actor: req.user!,
      action: rule.action,
      resource: rule.resource,
      recordId: recordIdOf(req, body),
      changedFields: changedFieldsOf(req.body),
      route,
      status,
      requestId: typeof req.id === 'string' ? req.id : req.id === undefined ? null : String(req.id),
      at: new Date(),
    });
    const succeeded = (r: Response) => r.statusCode >= 200 && r.statusCode < 300;

    const send = res.json.bind(res);
    res.json = (body: unknown) => {
      const unchanged = typeof body === 'object' && body !== null && (body as { created?: unknown }).created === false;
      if (done || !succeeded(res) || unchanged) {
        done = true;
        return send(body);
      }
      done = true;
      recordAudit(repos, entry(res.statusCode, body)).then(
        () => send(body),
        (err: unknown) => {
          req.log?.error({ err }, 'audit entry could not be stored');
          send(body);
        },
      );
      return res;
    };
    // Answers that are not JSON (204, files) end once their audit entry is stored, as JSON ones do.
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.end = ((...args: unknown[]) => {
      if (done || !succeeded(res)) {
        done = true;
        return end(...args);
      }
      done = true;
      recordAudit(repos, entry(res.statusCode, undefined)).then(
        () => end(...args),
        (err: unknown) => {
          req.log?.error({ err }, 'audit entry could not be stored');
          end(...args);
        },
      );
      return res;
    }) as Response['end'];
    next();
  };
}
