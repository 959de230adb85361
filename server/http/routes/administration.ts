/**
 * Administration of customer data (rights in ../permissions): care-plan rules, the
 * classification trees, responsible/backup hand-over, merges of duplicates, and the
 * management dashboard.
 */
import { Router, type Request } from 'express';
import * as z from 'zod';
import { IdSchema } from '../../../shared/contract';
import {
  AssignManagersSchema, ClassificationListQuerySchema, CreateCarePlanRuleSchema, CreateClassificationSchema, DashboardQuerySchema,
  DeleteClassificationQuerySchema, HandoverSchema, MergeListQuerySchema, MergeSchema, RuleIdParamsSchema, UpdateCarePlanRuleSchema,
  UpdateClassificationSchema,
} from '../../../shared/contract-admin';
import type { Models } from '../../persistence/models';
import { createCarePlanRule, deleteCarePlanRule, updateCarePlanRule } from '../../usecases/carePlanAdmin';
import {
  createClassification, deleteClassification, listClassifications, updateClassification,
} from '../../usecases/classificationAdmin';
import type { UseCaseContext, UseCaseSettings } from '../../usecases/context';
import { dashboard } from '../../usecases/dashboard';
import { assignManagers, handOver } from '../../usecases/managers';
import { listMerges, mergeContacts, mergeOrganizations } from '../../usecases/merges';
import { parseInput } from '../validate';

const IdParams = z.strictObject({ id: IdSchema });

export function administrationRouter(models: Models, settings: UseCaseSettings, clock: () => Date = () => new Date()): Router {
  const router = Router();
  const ctx = (req: Request): UseCaseContext => ({ models, user: req.user!, now: clock(), settings });
  const id = (req: Request) => parseInput(IdParams, req.params, 'params').id;
  const ruleId = (req: Request) => parseInput(RuleIdParamsSchema, req.params, 'params').id;

  router.post('/care-plans/rules', async (req, res) => {
    res.status(201).json(await createCarePlanRule(ctx(req), parseInput(CreateCarePlanRuleSchema, req.body)));
  });
  router.patch('/care-plans/rules/:id', async (req, res) => {
    res.json(await updateCarePlanRule(ctx(req), ruleId(req), parseInput(UpdateCarePlanRuleSchema, req.body)));
  });
  router.delete('/care-plans/rules/:id', async (req, res) => {
    await deleteCarePlanRule(ctx(req), ruleId(req));
    res.status(204).end();
  });

  router.get('/classifications', async (req, res) => {
    const q = parseInput(ClassificationListQuerySchema, req.query, 'query');
    res.json({ items: await listClassifications(ctx(req), q.appliesTo) });
  });
  router.post('/classifications', async (req, res) => {
    res.status(201).json(await createClassification(ctx(req), parseInput(CreateClassificationSchema, req.body)));
  });
  router.patch('/classifications/:id', async (req, res) => {
    res.json(await updateClassification(ctx(req), id(req), parseInput(UpdateClassificationSchema, req.body)));
  });
  router.delete('/classifications/:id', async (req, res) => {
    const q = parseInput(DeleteClassificationQuerySchema, req.query, 'query');
    res.json(await deleteClassification(ctx(req), id(req), q.reassignTo));
  });

  router.post('/handovers', async (req, res) => {
    res.json(await handOver(ctx(req), parseInput(HandoverSchema, req.body)));
  });
  router.post('/manager-assignments', async (req, res) => {
    res.json(await assignManagers(ctx(req), parseInput(AssignManagersSchema, req.body)));
  });

  router.post('/merges/organizations', async (req, res) => {
    res.json(await mergeOrganizations(ctx(req), parseInput(MergeSchema, req.body)));
  });
  router.post('/merges/contacts', async (req, res) => {
    res.json(await mergeContacts(ctx(req), parseInput(MergeSchema, req.body)));
  });
  router.get('/merges', async (req, res) => {
    const q = parseInput(MergeListQuerySchema, req.query, 'query');
    res.json({ items: await listMerges(ctx(req), q.limit) });
  });

  router.get('/dashboard', async (req, res) => {
    res.json(await dashboard(ctx(req), parseInput(DashboardQuerySchema, req.query, 'query')));
  });
  return router;
}
