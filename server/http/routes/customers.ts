/**
 * The task pane's routes: recognising senders, logging mail and actions, customers and their
 * contacts, the care plan. Each parses nothing itself: it declares its input (../route) and
 * calls a use case with it.
 */
import {
  ContactListQuerySchema, ContactTimelineQuerySchema, CreateActionSchema, CreateContactSchema, CreateOrganizationSchema,
  IdSchema, LogEmailSchema, LogMeetingSchema, LookupQuerySchema, OrganizationListQuerySchema, TimelineQuerySchema, UpdateContactSchema, UpdateOrganizationSchema,
} from '../../../shared/contract';
import { z } from 'zod';
import { createAction, listContactActions, listOrganizationActions } from '../../usecases/actions';
import { listCarePlanRules } from '../../usecases/carePlans';
import { contactsOfOrganization, createContact, getContact, listContacts, updateContact } from '../../usecases/contacts';
import { logEmail } from '../../usecases/logEmail';
import { logMeeting } from '../../usecases/logMeeting';
import { lookup } from '../../usecases/lookup';
import { createOrganization, getOrganization, listOrganizations, updateOrganization } from '../../usecases/organizations';
import { EVERYONE, LOGGERS, route, type RouteDeclaration } from '../route';

const IdParams = z.strictObject({ id: IdSchema });

export const CUSTOMER_ROUTES: readonly RouteDeclaration[] = [
  route({
    method: 'GET', path: '/lookup', resource: 'lookup', access: EVERYONE, query: LookupQuerySchema,
    handler: async ({ ctx, query, res }) => res.json(await lookup(ctx, query.email, query)),
  }),

  route({
    method: 'POST', path: '/actions/email', resource: 'action', verb: 'log_email', access: LOGGERS, body: LogEmailSchema,
    handler: async ({ ctx, body, res }) => {
      const result = await logEmail(ctx, body);
      res.status(result.created ? 201 : 200).json(result);
    },
  }),
  route({
    method: 'POST', path: '/actions/meeting', resource: 'action', verb: 'log_meeting', access: LOGGERS, body: LogMeetingSchema,
    handler: async ({ ctx, body, res }) => {
      const result = await logMeeting(ctx, body);
      res.status(result.created ? 201 : 200).json(result);
    },
  }),
  route({
    method: 'POST', path: '/actions', resource: 'action', access: LOGGERS, body: CreateActionSchema,
    handler: async ({ ctx, body, res }) => res.status(201).json(await createAction(ctx, body)),
  }),

  route({
    method: 'GET', path: '/organizations', resource: 'organization', access: EVERYONE, query: OrganizationListQuerySchema,
    handler: async ({ ctx, query, res }) => res.json(await listOrganizations(ctx, query)),
  }),
  route({
    method: 'POST', path: '/organizations', resource: 'organization', access: { account_manager: 'potential_customer', admin: 'allow' },
    body: CreateOrganizationSchema,
    handler: async ({ ctx, body, res }) => res.status(201).json(await createOrganization(ctx, body)),
  }),
  route({
    method: 'GET', path: '/organizations/:id', resource: 'organization', access: EVERYONE, params: IdParams,
    handler: async ({ ctx, params, res }) => res.json(await getOrganization(ctx, params.id)),
  }),
  route({
    method: 'PATCH', path: '/organizations/:id', resource: 'organization', access: { account_manager: 'own_customer', admin: 'allow' },
    params: IdParams, body: UpdateOrganizationSchema,
    handler: async ({ ctx, params, body, res }) => res.json(await updateOrganization(ctx, params.id, body)),
  }),
  route({
    method: 'GET', path: '/organizations/:id/actions', resource: 'action', access: EVERYONE, params: IdParams, query: TimelineQuerySchema,
    handler: async ({ ctx, params, query, res }) => res.json(await listOrganizationActions(ctx, params.id, query)),
  }),
  route({
    method: 'GET', path: '/organizations/:id/contacts', resource: 'contact', access: EVERYONE, params: IdParams,
    handler: async ({ ctx, params, res }) => res.json(await contactsOfOrganization(ctx, params.id)),
  }),

  route({
    method: 'GET', path: '/contacts', resource: 'contact', access: EVERYONE, query: ContactListQuerySchema,
    handler: async ({ ctx, query, res }) => res.json(await listContacts(ctx, query)),
  }),
  route({
    method: 'POST', path: '/contacts', resource: 'contact', access: LOGGERS, body: CreateContactSchema,
    handler: async ({ ctx, body, res }) => {
      const { contact } = await createContact(ctx, body);
      res.status(201).json(contact);
    },
  }),
  route({
    method: 'GET', path: '/contacts/:id', resource: 'contact', access: EVERYONE, params: IdParams,
    handler: async ({ ctx, params, res }) => res.json(await getContact(ctx, params.id)),
  }),
  route({
    method: 'PATCH', path: '/contacts/:id', resource: 'contact', access: { account_manager: 'own_contact', admin: 'allow' },
    params: IdParams, body: UpdateContactSchema,
    handler: async ({ ctx, params, body, res }) => res.json(await updateContact(ctx, params.id, body)),
  }),
  route({
    method: 'GET', path: '/contacts/:id/actions', resource: 'action', access: EVERYONE, params: IdParams, query: ContactTimelineQuerySchema,
    handler: async ({ ctx, params, query, res }) => res.json(await listContactActions(ctx, params.id, query)),
  }),

  route({
    method: 'GET', path: '/care-plans', resource: 'care_plan', access: EVERYONE,
    handler: async ({ ctx, res }) => res.json({ rules: await listCarePlanRules(ctx) }),
  }),
];
