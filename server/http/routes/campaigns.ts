/**
 * Campaigns and their mailings (shared/contract-campaigns.ts). Who may do what:
 * - everyone reads campaigns, their results, mailings and recipients;
 * - account managers create campaigns and change their own (`own_campaign`), and write, send and
 *   cancel the mailings of their own campaigns (`own_mailing`); admins do all of it on any campaign;
 * - a contact's marketing consent and bounce mark change as the contact does (`own_contact`).
 * Writes are audited under `campaign`, `mailing` and `contact`.
 */
import { z } from 'zod';
import { IdSchema } from '../../../shared/contract';
import {
  CancelMailingSchema, ContactMarketingSchema, CreateCampaignSchema, CreateMailingSchema, RecipientQuerySchema, SendMailingSchema, UpdateCampaignSchema,
  UpdateMailingSchema,
} from '../../../shared/contract-campaigns';
import { campaignAudience, campaignResults, createCampaign, listCampaigns, updateCampaign } from '../../usecases/campaigns';
import { setContactMarketing } from '../../usecases/contacts';
import { cancelMailing, createMailing, getMailing, mailingRecipients, sendMailing, updateMailing } from '../../usecases/mailings';
import { EVERYONE, LOGGERS, route, type AccessRules, type RouteDeclaration } from '../route';

const IdParams = z.strictObject({ id: IdSchema });
const CAMPAIGN_OWNERS = { account_manager: 'own_campaign', admin: 'allow' } as const satisfies AccessRules;
const MAILING_OWNERS = { account_manager: 'own_mailing', admin: 'allow' } as const satisfies AccessRules;

export const CAMPAIGN_ROUTES: readonly RouteDeclaration[] = [
  route({
    method: 'GET', path: '/campaigns', resource: 'campaign', access: EVERYONE,
    handler: async ({ ctx, res }) => res.json(await listCampaigns(ctx)),
  }),
  route({
    method: 'POST', path: '/campaigns', resource: 'campaign', access: LOGGERS, body: CreateCampaignSchema,
    handler: async ({ ctx, body, res }) => res.status(201).json(await createCampaign(ctx, body)),
  }),
  route({
    method: 'GET', path: '/campaigns/:id', resource: 'campaign', access: EVERYONE, params: IdParams,
    handler: async ({ ctx, params, res }) => res.json(await campaignResults(ctx, params.id)),
  }),
  route({
    method: 'PATCH', path: '/campaigns/:id', resource: 'campaign', access: CAMPAIGN_OWNERS, params: IdParams, body: UpdateCampaignSchema,
    handler: async ({ ctx, params, body, res }) => res.json(await updateCampaign(ctx, params.id, body)),
  }),
  route({
    method: 'GET', path: '/campaigns/:id/audience', resource: 'campaign', access: EVERYONE, params: IdParams,
    handler: async ({ ctx, params, res }) => res.json(await campaignAudience(ctx, params.id)),
  }),
  route({
    method: 'POST', path: '/campaigns/:id/mailings', resource: 'mailing', access: CAMPAIGN_OWNERS, params: IdParams, body: CreateMailingSchema,
    handler: async ({ ctx, params, body, res }) => res.status(201).json(await createMailing(ctx, params.id, body)),
  }),
  route({
    method: 'GET', path: '/mailings/:id', resource: 'mailing', access: EVERYONE, params: IdParams,
    handler: async ({ ctx, params, res }) => res.json(await getMailing(ctx, params.id)),
  }),
  route({
    method: 'PATCH', path: '/mailings/:id', resource: 'mailing', access: MAILING_OWNERS, params: IdParams, body: UpdateMailingSchema,
    handler: async ({ ctx, params, body, res }) => res.json(await updateMailing(ctx, params.id, body)),
  }),
  route({
    method: 'POST', path: '/mailings/:id/send', resource: 'mailing', verb: 'send', access: MAILING_OWNERS, params: IdParams, body: SendMailingSchema,
    handler: async ({ ctx, params, body, res }) => res.json(await sendMailing(ctx, params.id, body)),
  }),
  route({
    method: 'POST', path: '/mailings/:id/cancel', resource: 'mailing', verb: 'cancel', access: MAILING_OWNERS, params: IdParams, body: CancelMailingSchema,
    handler: async ({ ctx, params, body, res }) => res.json(await cancelMailing(ctx, params.id, body)),
  }),
  route({
    method: 'GET', path: '/mailings/:id/recipients', resource: 'mailing', access: EVERYONE, params: IdParams, query: RecipientQuerySchema,
    handler: async ({ ctx, params, query, res }) => res.json(await mailingRecipients(ctx, params.id, query)),
  }),
  route({
    method: 'PUT', path: '/contacts/:id/marketing', resource: 'contact', verb: 'marketing', access: { account_manager: 'own_contact', admin: 'allow' }, params: IdParams, body: ContactMarketingSchema,
    handler: async ({ ctx, params, body, res }) => res.json(await setContactMarketing(ctx, params.id, body)),
  }),
  route({
    method: 'GET', path: '/dev/outbox', resource: 'outbox', access: EVERYONE,
    handler: ({ ctx, res }) => {
      // Only in development without SMTP_URL; elsewhere mail goes to the relay and there is nothing to show.
      const outbox = ctx.settings.mail?.outbox;
      const items = outbox ? outbox() : [];
      res.json({ enabled: !!outbox, items: items.slice(0, 200), total: items.length });
    },
  }),
];
