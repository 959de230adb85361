/**
 * Opportunities: a possible sale to a customer, owned by an account manager, through the pipeline's
 * stages. Each stage change is kept (who, when, from → to); entering a stage sets its default
 * probability unless one is given; only a lost opportunity has a lost reason. A change names the
 * version it was made on: a stale one is a 409, never a silent overwrite. The pipeline of an owner
 * or a customer is read from its list (one `_id` read) and then its opportunities by `_id`.
 */
import type { z } from 'zod';
import {
  CLOSED_STAGES, type CreateOpportunitySchema, type Opportunity, type OpportunityListQuerySchema,
  type OpportunityStage, type Pipeline, type UpdateOpportunitySchema,
} from '../../shared/contract-sales';
import type { PersonRef } from '../../shared/contract';
import { weightedCents } from '../../shared/domain/money';
import { AppError } from '../errors';
import type { OpportunityFields, OpportunityRecord, Repositories, StageChange } from '../persistence/repositories';
import type { UseCaseContext } from './context';
import { checkEnterable, currentStageRules } from './pipelineStages';
import { personRef } from './views';


export function opportunityView(o: OpportunityRecord): Opportunity {
  return {
    ...o,
    weightedValueCents: weightedCents(o.estimatedValueCents, o.probabilityPct),
    history: o.history.map((h) => ({ ...h, at: h.at.toISOString() })),
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

async function ownerOf(ctx: UseCaseContext, ownerId: string | undefined): Promise<PersonRef> {
  if (ownerId === undefined || ownerId === ctx.user.id) return personRef(ctx.user);
  const owner = await ctx.repos.users.get(ownerId);
  if (!owner || owner.role === 'management') throw AppError.unprocessable('ownerId must name an account manager or an administrator', 'ownerId');
  return personRef(owner);
}

async function checkContacts(ctx: UseCaseContext, organizationId: string, contactIds: readonly string[]): Promise<void> {
  if (contactIds.length === 0) return;
  const found = await ctx.repos.contacts.getMany([...new Set(contactIds)]);
  if (found.length !== new Set(contactIds).size || found.some((c) => c.organizationId !== organizationId)) {
    throw AppError.unprocessable('contactIds must name contacts of the opportunity’s customer', 'contactIds');
  }
}

async function checkProducts(ctx: UseCaseContext, productIds: readonly string[]): Promise<void> {
  if (productIds.length === 0) return;
  const found = await ctx.repos.products.getMany([...new Set(productIds)]);
  if (found.length !== new Set(productIds).size) throw AppError.unprocessable('productIds must name products of the catalogue', 'productIds');
}

export async function createOpportunity(ctx: UseCaseContext, input: z.output<typeof CreateOpportunitySchema>): Promise<Opportunity> {
  const { repos } = ctx;
  const customer = await repos.customers.get(input.organizationId);
  if (!customer) throw AppError.unprocessable('organizationId names no customer', 'organizationId');
  const [owner, rules] = await Promise.all([
    ownerOf(ctx, input.ownerId), currentStageRules(ctx), checkContacts(ctx, customer.id, input.contactIds), checkProducts(ctx, input.productIds),
  ]);
  const stage = input.stage ?? rules.first;
  checkEnterable(rules, stage);
  const fields: OpportunityFields = {
    organizationId: customer.id,
    organizationName: customer.name,
    contactIds: [...new Set(input.contactIds)],
    owner,
    title: input.title,
    stage,
    lostReason: stage === 'lost' ? input.lostReason ?? null : null,
    estimatedValueCents: input.estimatedValueCents,
    probabilityPct: input.probabilityPct ?? rules.probability(stage),
    expectedCloseOn: input.expectedCloseOn,
    productIds: [...new Set(input.productIds)],
    notes: input.notes,
  };
  const created = await repos.opportunities.insert(repos.opportunities.newId(), fields, { at: ctx.now, by: personRef(ctx.user), from: null, to: stage });
  await repos.opportunities.syncLists(null, created);
  return opportunityView(created);
}

export async function getOpportunity(ctx: UseCaseContext, id: string): Promise<Opportunity> {
  const found = await ctx.repos.opportunities.get(id);
  if (!found) throw AppError.notFound('The opportunity');
  return opportunityView(found);
}

export async function updateOpportunity(ctx: UseCaseContext, id: string, patch: z.output<typeof UpdateOpportunitySchema>): Promise<Opportunity> {
  const { repos } = ctx;
  const current = await repos.opportunities.get(id);
  if (!current) throw AppError.notFound('The opportunity');
  const { version, ownerId, ...rest } = patch;
  const set: Partial<OpportunityFields> = { ...rest };
  const [owner, rules] = await Promise.all([
    ownerId !== undefined ? ownerOf(ctx, ownerId) : Promise.resolve(null),
    // the stages matter only to a stage change: a change of anything else reads no stages
    rest.stage !== undefined && rest.stage !== current.stage ? currentStageRules(ctx) : Promise.resolve(null),
    rest.contactIds ? checkContacts(ctx, current.organizationId, rest.contactIds) : Promise.resolve(),
    rest.productIds ? checkProducts(ctx, rest.productIds) : Promise.resolve(),
  ]);
  if (owner) set.owner = owner;
  const stage = rest.stage ?? current.stage;
  let change: StageChange | null = null;
  if (rest.stage !== undefined && rest.stage !== current.stage) {
    checkEnterable(rules!, rest.stage);
    change = { at: ctx.now, by: personRef(ctx.user), from: current.stage, to: rest.stage };
    if (rest.probabilityPct === undefined) set.probabilityPct = rules!.probability(rest.stage);
  }
  if (stage !== 'lost') {
    if (rest.lostReason) throw AppError.invalid('lostReason', 'is only for a lost opportunity');
    set.lostReason = null;
  } else if (!(rest.lostReason ?? current.lostReason)) {
    throw AppError.invalid('lostReason', 'a lost opportunity needs the reason it was lost', 'required');
  }
  const updated = await repos.opportunities.update(id, version, set, change);
  if (!updated) {
    const now = await repos.opportunities.get(id);
    if (!now) throw AppError.notFound('The opportunity');
    throw AppError.conflict('version', `is ${version}, but the opportunity was changed meanwhile (now version ${now.version}): read it again and repeat the change`, 'invalid');
  }
  await repos.opportunities.syncLists(current, updated);
  return opportunityView(updated);
}

export async function pipeline(ctx: UseCaseContext, query: z.output<typeof OpportunityListQuerySchema>): Promise<Pipeline> {
  const { repos } = ctx;
  const ids = query.ownerId !== undefined ? await repos.opportunities.idsOfOwner(query.ownerId) : await repos.opportunities.idsOfCustomer(query.organizationId!);
  const [opportunities, rules] = await Promise.all([repos.opportunities.getMany(ids), currentStageRules(ctx)]);
  const items = opportunities
    .filter((o) =>
      (query.ownerId === undefined || o.owner.id === query.ownerId)
      && (query.organizationId === undefined || o.organizationId === query.organizationId)
      && (query.stage === undefined || o.stage === query.stage)
      && (query.closeMonth === undefined || (o.expectedCloseOn ?? '').startsWith(query.closeMonth)))
    .sort((a, b) => (a.expectedCloseOn ?? '9999').localeCompare(b.expectedCloseOn ?? '9999') || a.title.localeCompare(b.title))
    .map(opportunityView);
  const columns = [...rules.openColumns(opportunities.map((o) => o.stage)), ...CLOSED_STAGES];
  return { items, stages: stageSummaries(items, columns) };
}

/** Count, value and weighted value of the opportunities in each of these stages. */
export function stageSummaries(items: readonly Opportunity[], stages: readonly OpportunityStage[]): Pipeline['stages'] {
  return stages.map((stage) => {
    const of = items.filter((o) => o.stage === stage);
    return {
      stage,
      count: of.length,
      valueCents: of.reduce((sum, o) => sum + o.estimatedValueCents, 0),
      weightedValueCents: of.reduce((sum, o) => sum + o.weightedValueCents, 0),
    };
  });
}

/** A merge: the merged customer's opportunities move to the one kept (each by its version; contacts moved with the customer stay valid). */
export async function moveOpportunitiesToCustomer(repos: Repositories, from: string, to: { id: string; name: string }): Promise<number> {
  let moved = 0;
  for (const listed of await repos.opportunities.getMany(await repos.opportunities.idsOfCustomer(from))) {
    let current: OpportunityRecord | null = listed;
    for (let attempt = 0; current && current.organizationId === from; attempt++) {
      if (attempt === 5) throw new AppError('conflict', 'An opportunity of the merged customer kept changing while it was being moved; try the merge again');
      const after = await repos.opportunities.update(current.id, current.version, { organizationId: to.id, organizationName: to.name }, null);
      if (after) {
        await repos.opportunities.syncLists(current, after);
        moved++;
        break;
      }
      current = await repos.opportunities.get(current.id);
    }
  }
  return moved;
}
