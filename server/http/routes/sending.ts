/**
 * "Log when sent" (`/send-logs/:token`, usecases/sendLogs): the pane registers and cancels the
 * pending log of a draft, the on-send handler reports the send, and the pane matches the sent
 * mail when it is opened. Only the writer of the mail (and administrators) may see, change or
 * report a send log (`own_send_log`); matching is open to everyone who logs mail, because the
 * token travels with the mail, so a colleague's copy may be the first one opened.
 */
import {
  RegisterSendLogSchema, SendLogMatchSchema, SendLogParamsSchema, SendLogSentSchema,
} from '../../../shared/contract-sending';
import { cancelSendLog, getSendLog, matchSentMail, registerSendLog, reportSent } from '../../usecases/sendLogs';
import { LOGGERS, route, type AccessRules, type RouteDeclaration } from '../route';

const WRITER = { account_manager: 'own_send_log', admin: 'allow' } as const satisfies AccessRules;

export const SENDING_ROUTES: readonly RouteDeclaration[] = [
  route({
    method: 'GET', path: '/send-logs/:token', resource: 'send_log', access: WRITER, params: SendLogParamsSchema,
    handler: async ({ ctx, params, res }) => res.json(await getSendLog(ctx, params.token)),
  }),
  route({
    method: 'PUT', path: '/send-logs/:token', resource: 'send_log', verb: 'register', access: WRITER, params: SendLogParamsSchema, body: RegisterSendLogSchema,
    handler: async ({ ctx, params, body, res }) => res.json(await registerSendLog(ctx, params.token, body)),
  }),
  route({
    method: 'DELETE', path: '/send-logs/:token', resource: 'send_log', verb: 'cancel', access: WRITER, params: SendLogParamsSchema,
    handler: async ({ ctx, params, res }) => {
      await cancelSendLog(ctx, params.token);
      res.status(204).end();
    },
  }),
  route({
    method: 'POST', path: '/send-logs/:token/sent', resource: 'send_log', verb: 'sent', access: WRITER, params: SendLogParamsSchema, body: SendLogSentSchema,
    handler: async ({ ctx, params, body, res }) => res.json(await reportSent(ctx, params.token, body)),
  }),
  route({
    method: 'POST', path: '/send-logs/:token/match', resource: 'send_log', verb: 'match', access: LOGGERS, params: SendLogParamsSchema, body: SendLogMatchSchema,
    handler: async ({ ctx, params, body, res }) => res.json(await matchSentMail(ctx, params.token, body)),
  }),
];
