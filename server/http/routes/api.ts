/** The /api/v1 routes: parse input with the contract, call a use case, send the result. Nothing else. */
import { Router, type Request } from 'express';
import {
  ActionPageQuerySchema, ContactListQuerySchema, CreateActionSchema, CreateContactSchema, CreateOrganizationSchema,
  IdSchema, LogEmailSchema, LookupQuerySchema, OrganizationListQuerySchema, UpdateContactSchema, UpdateOrganizationSchema,
} from '../../../shared/contract';
import { z } from 'zod';
import type { Models } from '../../persistence/models';
import { createAction, listOrganizationActions } from '../../usecases/actions';
import { listCarePlanRules } from '../../usecases/carePlans';
import { createContact, getContact, listContacts, updateContact } from '../../usecases/contacts';
import type { UseCaseContext, UseCaseSettings } from '../../usecases/context';
import { logEmail } from '../../usecases/logEmail';
import { lookup } from '../../usecases/lookup';
import { createOrganization, getOrganization, listOrganizations, updateOrganization } from '../../usecases/organizations';
import { me } from '../../usecases/users';
import { parseInput } from '../validate';

const IdParams = z.strictObject({ id: IdSchema });

export function apiRouter(models: Models, settings: UseCaseSettings, clock: () => Date = () => new Date()): Router {
  const router = Router();
  const ctx = (req: Request): UseCaseContext => ({ models, user: req.user!, now: clock(), settings });
  const id = (req: Request) => parseInput(IdParams, req.params, 'params').id;

  router.get('/lookup', async (req, res) => {
    const q = parseInput(LookupQuerySchema, req.query, 'query');
    res.json(await lookup(ctx(req), q.email, q.messageId));
  });

  router.post('/actions/email', async (req, res) => {
    const result = await logEmail(ctx(req), parseInput(LogEmailSchema, req.body));
    res.status(result.created ? 201 : 200).json(result);
  });
  router.post('/actions', async (req, res) => {
    res.status(201).json(await createAction(ctx(req), parseInput(CreateActionSchema, req.body)));
  });

  router.get('/organizations', async (req, res) => {
    res.json(await listOrganizations(ctx(req), parseInput(OrganizationListQuerySchema, req.query, 'query')));
  });
  router.post('/organizations', async (req, res) => {
    res.status(201).json(await createOrganization(ctx(req), parseInput(CreateOrganizationSchema, req.body)));
  });
  router.get('/organizations/:id', async (req, res) => {
    res.json(await getOrganization(ctx(req), id(req)));
  });
  router.patch('/organizations/:id', async (req, res) => {
    res.json(await updateOrganization(ctx(req), id(req), parseInput(UpdateOrganizationSchema, req.body)));
  });
  router.get('/organizations/:id/actions', async (req, res) => {
    res.json(await listOrganizationActions(ctx(req), id(req), parseInput(ActionPageQuerySchema, req.query, 'query')));
  });

  router.get('/contacts', async (req, res) => {
    res.json(await listContacts(ctx(req), parseInput(ContactListQuerySchema, req.query, 'query')));
  });
  router.post('/contacts', async (req, res) => {
    const { contact } = await createContact(ctx(req), parseInput(CreateContactSchema, req.body));
    res.status(201).json(contact);
  });
  router.get('/contacts/:id', async (req, res) => {
    res.json(await getContact(ctx(req), id(req)));
  });
  router.patch('/contacts/:id', async (req, res) => {
    res.json(await updateContact(ctx(req), id(req), parseInput(UpdateContactSchema, req.body)));
  });

  router.get('/care-plans', async (req, res) => {
    res.json({ rules: await listCarePlanRules(ctx(req)) });
  });
  router.get('/me', (req, res) => {
    res.json(me(req.user!));
  });
  return router;
}
