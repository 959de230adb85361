/**
 * Tracked conversations (usecases/conversations): the pane asks whether a mail is in one and stops
 * a tracking; administrators list them all. Tracking starts with a logged mail (POST /actions/email
 * with `trackConversation`).
 */
import { ConversationMatchSchema, StopTrackingSchema } from '../../../shared/contract-conversations';
import { listTrackedConversations, matchConversation, stopTracking } from '../../usecases/conversations';
import { ADMINS, LOGGERS, route, type RouteDeclaration } from '../route';

export const CONVERSATION_ROUTES: readonly RouteDeclaration[] = [
  route({
    method: 'GET', path: '/conversations', resource: 'conversation', access: ADMINS,
    handler: async ({ ctx, res }) => res.json(await listTrackedConversations(ctx)),
  }),
  route({
    method: 'POST', path: '/conversations/match', resource: 'conversation', verb: 'match', readOnly: true, access: LOGGERS, body: ConversationMatchSchema,
    handler: async ({ ctx, body, res }) => res.json(await matchConversation(ctx, body)),
  }),
  route({
    method: 'POST', path: '/conversations/stop', resource: 'conversation', verb: 'stop', access: LOGGERS, body: StopTrackingSchema,
    handler: async ({ ctx, body, res }) => {
      await stopTracking(ctx, body);
      res.status(204).end();
    },
  }),
];
