/** Manual actions (calls, meetings, notes…) and a customer's action history. */
import type { z } from 'zod';
import type { Action, ActionPageQuerySchema, CreateAction } from '../../shared/contract';
import type { CreateActionSchema } from '../../shared/contract';
import { AppError } from '../errors';
import type { ActionDoc, ContactDoc } from '../persistence/models';
import { findByIds, recordAction, toObjectId } from '../persistence/store';
import { actionView, personRef } from '../persistence/views';
import { fetchPage } from '../persistence/paging';
import type { UseCaseContext } from './context';
import { capExcerpt } from './logEmail';

export async function createAction(ctx: UseCaseContext, input: z.output<typeof CreateActionSchema> | CreateAction): Promise<Action> {
  const { models } = ctx;
  const organizationId = toObjectId(input.organizationId);
  if (!(await models.Organization.exists({ _id: organizationId }))) {
    throw AppError.unprocessable('organizationId names no customer', 'organizationId');
  }
  const contactIds = [...new Set(input.contactIds ?? [])].map(toObjectId);
  if (contactIds.length) {
    const found = (await findByIds<ContactDoc>(models.Contact, contactIds, { organizationId: 1 })).filter((c) => c.organizationId.equals(organizationId)).length;
    if (found !== contactIds.length) throw AppError.unprocessable('contactIds must name contacts of the customer', 'contactIds');
  }
  const occurredAt = new Date(input.occurredAt);
  const doc = await models.Action.create({
    kind: input.kind,
    occurredAt,
    subject: input.subject,
    excerpt: capExcerpt(input.excerpt, ctx.settings.excerptMaxLength),
    organizationId,
    contactIds,
    loggedBy: personRef(ctx.user),
    loggedAt: ctx.now,
  });
  const action = doc.toObject() as ActionDoc;
  await recordAction(models, organizationId, action);
  return actionView(action);
}

export async function listOrganizationActions(ctx: UseCaseContext, organizationId: string, q: z.output<typeof ActionPageQuerySchema>) {
  const { models } = ctx;
  const orgId = toObjectId(organizationId);
  if (!(await models.Organization.exists({ _id: orgId }))) throw AppError.notFound('The customer');
  return fetchPage(q, (skip, limit) => models.Action.find({ organizationId: orgId }).sort({ occurredAt: -1, _id: -1 }).skip(skip).limit(limit).lean(), (docs) => docs.map(actionView));
}
