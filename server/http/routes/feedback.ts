/**
 * Feedback (shared/contract-feedback.ts). Who may do what:
 * - `account_manager` and `admin`: make surveys, change and close them (surveys are the college's,
 *   not one manager's), invite a selection's contacts and get one contact's link;
 * - `management`: reads surveys and their responses (the NPS figures are the reports page's `feedback` report, ../routes/reports);
 * - everyone signed in: reads surveys and a customer's newest score (the customer page, the pane).
 * Writes are audited under `survey`. The answer itself comes through the public page (../public/feedback).
 */
import type { Request } from 'express';
import { z } from 'zod';
import { IdSchema } from '../../../shared/contract';
import { CreateSurveySchema, InvitationLinkSchema, InviteSelectionSchema, UpdateSurveySchema } from '../../../shared/contract-feedback';
import {
  closeSurvey, contactInvitationLink, createSurvey, getSurvey, inviteSelection, latestFeedback, listSurveys, surveyResponses, updateSurvey,
} from '../../usecases/feedback';
import { EVERYONE, LOGGERS, READERS, route, type RouteDeclaration } from '../route';

const IdParams = z.strictObject({ id: IdSchema });
/** Management reads the responses; account managers see how their invitations were answered. */
const RESPONSE_READERS = { ...READERS, ...LOGGERS };

/** The origin the request came to, for links when no public address is configured. */
const originOf = (req: Request): string | undefined => {
  const host = req.get('host');
  return host ? `${req.protocol}://${host}` : undefined;
};

export const FEEDBACK_ROUTES: readonly RouteDeclaration[] = [
  route({
    method: 'GET', path: '/surveys', resource: 'survey', access: EVERYONE,
    handler: async ({ ctx, res }) => res.json(await listSurveys(ctx)),
  }),
  route({
    method: 'POST', path: '/surveys', resource: 'survey', access: LOGGERS, body: CreateSurveySchema,
    handler: async ({ ctx, body, res }) => res.status(201).json(await createSurvey(ctx, body)),
  }),
  route({
    method: 'GET', path: '/surveys/:id', resource: 'survey', access: EVERYONE, params: IdParams,
    handler: async ({ ctx, params, res }) => res.json(await getSurvey(ctx, params.id)),
  }),
  route({
    method: 'PATCH', path: '/surveys/:id', resource: 'survey', access: LOGGERS, params: IdParams, body: UpdateSurveySchema,
    handler: async ({ ctx, params, body, res }) => res.json(await updateSurvey(ctx, params.id, body)),
  }),
  route({
    method: 'POST', path: '/surveys/:id/close', resource: 'survey', verb: 'close', access: LOGGERS, params: IdParams,
    handler: async ({ ctx, params, res }) => res.json(await closeSurvey(ctx, params.id)),
  }),
  route({
    method: 'POST', path: '/surveys/:id/invitations', resource: 'survey', verb: 'invite', access: LOGGERS, params: IdParams, body: InviteSelectionSchema,
    handler: async ({ ctx, params, body, res }) => res.json(await inviteSelection(ctx, params.id, body.selectionId)),
  }),
  route({
    method: 'POST', path: '/surveys/:id/link', resource: 'survey', verb: 'link', access: LOGGERS, params: IdParams, body: InvitationLinkSchema,
    handler: async ({ ctx, params, body, req, res }) => res.json(await contactInvitationLink(ctx, params.id, body, originOf(req))),
  }),
  route({
    method: 'GET', path: '/surveys/:id/responses', resource: 'survey', access: RESPONSE_READERS, params: IdParams,
    handler: async ({ ctx, params, res }) => res.json(await surveyResponses(ctx, params.id)),
  }),
  route({
    method: 'GET', path: '/organizations/:id/feedback', resource: 'survey', access: EVERYONE, params: IdParams,
    handler: async ({ ctx, params, res }) => res.json(await latestFeedback(ctx, params.id)),
  }),
];
