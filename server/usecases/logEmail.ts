/**
 * POST /actions/email: records a mail as an action on a customer, once for the whole team.
 * The action's `_id` is derived from the message id and the customer, so every retry and
 * every colleague logging the same mail lands on the same document: idempotent on MongoDB
 * and FerretDB alike, without transactions.
 */
import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import type { LogEmailResponse } from '../../shared/contract';
import type { LogEmailSchema } from '../../shared/contract';
import type { z } from 'zod';
import { AppError } from '../errors';
import type { ActionDoc, ContactDoc } from '../persistence/models';
import { findByIds, isDuplicateKeyError, loadCarePlanRules, recordAction, recordMessageLog, toObjectId } from '../persistence/store';
import { actionView, idOf, personRef } from '../persistence/views';
import { carePlanOf } from './carePlans';
import type { UseCaseContext } from './context';
import { recogniseAddresses, type Recognition } from './recognise';

export type LogEmailInput = z.output<typeof LogEmailSchema>;

export function emailActionId(internetMessageId: string, organizationId: string): Types.ObjectId {
  const digest = createHash('sha256').update(`email\u0000${internetMessageId}\u0000${organizationId}`).digest('hex');
  return new Types.ObjectId(digest.slice(0, 24));
}

export function capExcerpt(text: string | undefined, max: number): string | null {
  if (!text) return null;
  const collapsed = text.replace(/\s+/g, ' ').trim();
  if (collapsed === '') return null;
  return collapsed.length <= max ? collapsed : `${collapsed.slice(0, max - 1).trimEnd()}…`;
}

async function withContactOrganizations(ctx: UseCaseContext, recognised: Recognition[]): Promise<Recognition[]> {
  const contactIds = recognised.flatMap((r) => (r.contactId ? [r.contactId] : []));
  if (contactIds.length === 0) return recognised;
  const contacts = await findByIds<ContactDoc>(ctx.models.Contact, contactIds, { organizationId: 1 });
  const orgOf = new Map(contacts.map((c) => [idOf(c._id), c.organizationId]));
  return recognised.map((r) => (r.contactId ? { ...r, organizationId: orgOf.get(idOf(r.contactId)) } : r));
}

export async function logEmail(ctx: UseCaseContext, input: LogEmailInput): Promise<LogEmailResponse> {
  const { models } = ctx;
  const participants = [...new Set([input.from, ...input.to, ...input.cc])];
  const recognised = await withContactOrganizations(ctx, await recogniseAddresses(models, participants));

  let organizationId: Types.ObjectId;
  if (input.organizationId) {
    organizationId = toObjectId(input.organizationId);
  } else {
    // The customer is the sender's; for outgoing mail, the first recognised recipient's.
    const candidates = input.direction === 'in' ? [input.from] : [...input.to, ...input.cc];
    const hit = candidates.map((e) => recognised.find((r) => r.email === e)).find((r) => r?.organizationId);
    if (!hit?.organizationId) {
      throw AppError.unprocessable(
        input.direction === 'in'
          ? 'The sender is not a known contact and their domain belongs to no customer: choose the customer (organizationId) or add the contact first'
          : 'No recipient is a known contact or at a customer domain: choose the customer (organizationId) or add the contact first',
        'organizationId',
      );
    }
    organizationId = hit.organizationId;
  }

  const org = await models.Organization.findById(organizationId).lean();
  if (!org) throw AppError.unprocessable('organizationId names no customer', 'organizationId');

  let contactIds: Types.ObjectId[];
  if (input.contactIds) {
    contactIds = [...new Set(input.contactIds)].map(toObjectId);
    const found = (await findByIds<ContactDoc>(models.Contact, contactIds, { organizationId: 1 })).filter((c) => c.organizationId.equals(organizationId));
    if (found.length !== contactIds.length) {
      throw AppError.unprocessable('contactIds must name contacts of the chosen customer', 'contactIds');
    }
  } else {
    contactIds = recognised.flatMap((r) => (r.contactId && r.organizationId?.equals(organizationId) ? [r.contactId] : []));
  }

  const kind = input.direction === 'in' ? 'email_in' : 'email_out';
  const occurredAt = new Date(input.occurredAt);
  const _id = emailActionId(input.internetMessageId, idOf(organizationId));
  let created = true;
  let action: ActionDoc | null = null;
  try {
    const doc = await models.Action.create({
      _id,
      kind,
      occurredAt,
      subject: input.subject,
      excerpt: capExcerpt(input.excerpt, ctx.settings.excerptMaxLength),
      organizationId,
      contactIds,
      loggedBy: personRef(ctx.user),
      loggedAt: ctx.now,
      internetMessageId: input.internetMessageId,
      conversationId: input.conversationId ?? null,
      participants: { from: input.from, to: input.to, cc: input.cc },
    });
    action = doc.toObject() as ActionDoc;
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    created = false;
    action = await models.Action.findById(_id).lean();
    if (!action) throw new Error(`action ${idOf(_id)} vanished after insert`);
  }
  // Repeated on every call, so a write interrupted between the steps heals on retry.
  const [updatedOrg, rules] = await Promise.all([
    recordMessageLog(models, input.internetMessageId, _id, !created).then(() => recordAction(models, organizationId, action!)),
    loadCarePlanRules(models),
  ]);
  return { action: actionView(action), created, carePlan: updatedOrg ? carePlanOf(updatedOrg, rules, ctx) : null };
}
