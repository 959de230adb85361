/**
 * Audits every successful write through the API, for whatever router serves it: who (the
 * signed-in user), what (`<resource>.<verb>` of the route's table entry), when, which record
 * (the `:id`, or the id the answer carries) and which fields (names only).
 * A JSON answer is held until its audit entry is stored, so once a client has seen a write
 * succeed, the audit log already shows it. A write that changed nothing (`created: false`)
 * is not a write.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { Models } from '../persistence/models';
import { changedFieldsOf, recordAudit } from '../usecases/audit';
import { ruleKey, WRITE_METHODS } from './permissions';

const DEFAULT_VERB: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'update', DELETE: 'delete' };

function recordIdOf(req: Request, body: unknown): string | null {
  const fromParams = req.authorizedRoute?.params.id;
  if (fromParams) return fromParams;
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  for (const candidate of [b.id, (b.action as { id?: unknown } | undefined)?.id, (b.contact as { id?: unknown } | undefined)?.id]) {
    if (typeof candidate === 'string') return candidate;
  }
  return null;
}

export function auditWrites(models: Models): RequestHandler {
  return (req, res, next) => {
    const matched = req.authorizedRoute;
    if (!WRITE_METHODS.has(req.method) || !matched || !req.user) return next();
    let done = false;

    const entry = (status: number, body: unknown) => ({
      actor: req.user!,
      action: `${matched.rule.resource}.${matched.rule.verb ?? DEFAULT_VERB[req.method]}`,
      resource: matched.rule.resource,
      recordId: recordIdOf(req, body),
      changedFields: changedFieldsOf(req.body),
      route: ruleKey(matched.rule),
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
      recordAudit(models, entry(res.statusCode, body)).then(
        () => send(body),
        (err: unknown) => {
          req.log?.error({ err }, 'audit entry could not be stored');
          send(body);
        },
      );
      return res;
    };
    // Answers that are not JSON (204, files) are audited once they are sent.
    res.on('finish', () => {
      if (done || !succeeded(res)) return;
      done = true;
      recordAudit(models, entry(res.statusCode, undefined)).catch((err: unknown) => req.log?.error({ err }, 'audit entry could not be stored'));
    });
    next();
  };
}
