/**
 * Administration of customer data: care-plan rules, the classification trees,
 * responsible/backup hand-over, merges of duplicates, and the management dashboard.
 */
import * as z from 'zod';
import { IdSchema } from '../../../shared/contract';
import {
  AssignManagersSchema, CarePlanPreviewSchema, ClassificationListQuerySchema, CreateCarePlanRuleSchema, CreateClassificationSchema, DashboardQuerySchema,
  DeleteClassificationQuerySchema, HandoverSchema, MergeListQuerySchema, MergeSchema, RuleIdParamsSchema, UpdateCarePlanRuleSchema,
  UpdateClassificationSchema,
} from '../../../shared/contract-admin';
import { createCarePlanRule, deleteCarePlanRule, previewCarePlanChange, updateCarePlanRule } from '../../usecases/carePlanAdmin';
import { dataQuality } from '../../usecases/dataQuality';
import {
  createClassification, deleteClassification, listClassifications, updateClassification,
} from '../../usecases/classificationAdmin';
import { dashboard } from '../../usecases/dashboard';
import { assignManagers, handOver } from '../../usecases/managers';
import { listMerges, mergeContacts, mergeOrganizations } from '../../usecases/merges';
import { ADMINS, EVERYONE, READERS, route, type RouteDeclaration } from '../route';

const IdParams = z.strictObject({ id: IdSchema });

export const ADMINISTRATION_ROUTES: readonly RouteDeclaration[] = [
  route({
    method: 'POST', path: '/care-plans/rules', resource: 'care_plan', access: ADMINS, body: CreateCarePlanRuleSchema,
    handler: async ({ ctx, body, res }) => res.status(201).json(await createCarePlanRule(ctx, body)),
  }),
  route({
    method: 'PATCH', path: '/care-plans/rules/:id', resource: 'care_plan', access: ADMINS, params: RuleIdParamsSchema, body: UpdateCarePlanRuleSchema,
    handler: async ({ ctx, params, body, res }) => res.json(await updateCarePlanRule(ctx, params.id, body)),
  }),
  route({
    method: 'DELETE', path: '/care-plans/rules/:id', resource: 'care_plan', access: ADMINS, params: RuleIdParamsSchema,
    handler: async ({ ctx, params, res }) => {
      await deleteCarePlanRule(ctx, params.id);
      res.status(204).end();
    },
  }),
  route({
    method: 'POST', path: '/care-plans/preview', resource: 'care_plan', verb: 'preview', readOnly: true, access: ADMINS, body: CarePlanPreviewSchema,
    handler: async ({ ctx, body, res }) => res.json(await previewCarePlanChange(ctx, body)),
  }),

  route({
    method: 'GET', path: '/classifications', resource: 'classification', access: EVERYONE, query: ClassificationListQuerySchema,
    handler: async ({ ctx, query, res }) => res.json({ items: await listClassifications(ctx, query.appliesTo) }),
  }),
  route({
    method: 'POST', path: '/classifications', resource: 'classification', access: ADMINS, body: CreateClassificationSchema,
    handler: async ({ ctx, body, res }) => res.status(201).json(await createClassification(ctx, body)),
  }),
  route({
    method: 'PATCH', path: '/classifications/:id', resource: 'classification', access: ADMINS, params: IdParams, body: UpdateClassificationSchema,
    handler: async ({ ctx, params, body, res }) => res.json(await updateClassification(ctx, params.id, body)),
  }),
  route({
    method: 'DELETE', path: '/classifications/:id', resource: 'classification', access: ADMINS, params: IdParams, query: DeleteClassificationQuerySchema,
    handler: async ({ ctx, params, query, res }) => res.json(await deleteClassification(ctx, params.id, query.reassignTo)),
  }),

  route({
    method: 'POST', path: '/handovers', resource: 'organization', verb: 'handover', access: ADMINS, body: HandoverSchema,
    handler: async ({ ctx, body, res }) => res.json(await handOver(ctx, body)),
  }),
  route({
    method: 'POST', path: '/manager-assignments', resource: 'organization', verb: 'assign_managers', access: ADMINS, body: AssignManagersSchema,
    handler: async ({ ctx, body, res }) => res.json(await assignManagers(ctx, body)),
  }),

  route({
    method: 'POST', path: '/merges/organizations', resource: 'organization', verb: 'merge', access: ADMINS, body: MergeSchema,
    handler: async ({ ctx, body, res }) => res.json(await mergeOrganizations(ctx, body)),
  }),
  route({
    method: 'POST', path: '/merges/contacts', resource: 'contact', verb: 'merge', access: ADMINS, body: MergeSchema,
    handler: async ({ ctx, body, res }) => res.json(await mergeContacts(ctx, body)),
  }),
  route({
    method: 'GET', path: '/merges', resource: 'merge', access: ADMINS, query: MergeListQuerySchema,
    handler: async ({ ctx, query, res }) => res.json({ items: await listMerges(ctx, query.limit) }),
  }),

  route({
    method: 'GET', path: '/data-quality', resource: 'data_quality', access: READERS,
    handler: async ({ ctx, res }) => res.json(await dataQuality(ctx)),
  }),

  route({
    method: 'GET', path: '/dashboard', resource: 'dashboard', access: READERS, query: DashboardQuerySchema,
    handler: async ({ ctx, query, res }) => res.json(await dashboard(ctx, query)),
  }),
];
