/**
 * Mailings of a campaign: written as drafts, sent now or at a set time (by the sender,
 * ./mailingSender), cancelled, and looked at recipient by recipient.
 */
import type { z } from 'zod';
import type {
  CancelMailingSchema, CreateMailingSchema, Mailing, RecipientPage, RecipientQuerySchema, SendMailingSchema, UpdateMailingSchema,
} from '../../shared/contract-campaigns';
import { AppError } from '../errors';
import { RECIPIENT_BATCH, type MailingRecord, type RecipientRecord } from '../persistence/repositories';
import { campaignAudienceNow, campaignOf } from './campaigns';
import type { UseCaseContext } from './context';
import { personRef } from './views';

export function mailingView(m: MailingRecord): Mailing {
  return {
    id: m.id, campaignId: m.campaignId, subject: m.subject, body: m.body, surveyId: m.surveyId, state: m.state,
    scheduledAt: m.scheduledAt?.toISOString() ?? null, startedAt: m.startedAt?.toISOString() ?? null, finishedAt: m.finishedAt?.toISOString() ?? null,
    counts: m.counts, excludedCustomers: m.excludedCustomers, optedOut: m.optedOut, createdBy: m.createdBy, version: m.version,
    createdAt: m.createdAt.toISOString(), updatedAt: m.updatedAt.toISOString(),
  };
}

/** A survey named for a mailing must exist and be open (422 naming `surveyId`). */
async function assertSurvey(ctx: UseCaseContext, surveyId: string | null | undefined): Promise<void> {
  if (!surveyId) return;
  const survey = await ctx.repos.surveys.get(surveyId);
  if (!survey) throw AppError.unprocessable('surveyId names no survey', 'surveyId');
  if (survey.status !== 'open') throw AppError.unprocessable('surveyId names a closed survey', 'surveyId', 'invalid');
}

const stale = (version: number) => AppError.conflict('version', `is ${version}, but the mailing was changed meanwhile: load it again`, 'invalid');

async function mailingOf(ctx: UseCaseContext, id: string): Promise<MailingRecord> {
  const m = await ctx.repos.mailings.get(id);
  if (!m) throw AppError.notFound('The mailing');
  return m;
}

export async function getMailing(ctx: UseCaseContext, id: string): Promise<Mailing> {
  return mailingView(await mailingOf(ctx, id));
}

export async function createMailing(ctx: UseCaseContext, campaignId: string, input: z.output<typeof CreateMailingSchema>): Promise<Mailing> {
  const campaign = await campaignOf(ctx, campaignId);
  if (campaign.status === 'cancelled' || campaign.status === 'completed') {
    throw AppError.conflict('status', `is ${campaign.status}: a mailing belongs to a planned or active campaign`, 'invalid');
  }
  await assertSurvey(ctx, input.surveyId);
  const id = ctx.repos.mailings.newId();
  const mailing = await ctx.repos.mailings.insert(id, { campaignId, subject: input.subject, body: input.body, surveyId: input.surveyId ?? null, createdBy: personRef(ctx.user) });
  await ctx.repos.campaigns.addMailing(campaignId, id);
  return mailingView(mailing);
}

export async function updateMailing(ctx: UseCaseContext, id: string, patch: z.output<typeof UpdateMailingSchema>): Promise<Mailing> {
  const current = await mailingOf(ctx, id);
  if (current.state !== 'draft') throw AppError.conflict('state', `is ${current.state}: only a draft's texts can change`, 'invalid');
  const { version, ...set } = patch;
  await assertSurvey(ctx, set.surveyId);
  const surveyId = set.surveyId === undefined ? current.surveyId : set.surveyId;
  const body = set.body ?? current.body;
  if (surveyId) {
    for (const lang of ['fi', 'sv', 'en'] as const) {
      if (body[lang] !== undefined && !/\{\{\s*surveyLink\s*\}\}/.test(body[lang]!)) throw AppError.invalid(`body.${lang}`, 'must have {{surveyLink}}: the mailing invites to a survey');
    }
  }
  const updated = await ctx.repos.mailings.change(id, { version, from: ['draft'] }, set);
  if (!updated) throw stale(version);
  return mailingView(updated);
}

/**
 * Starts a draft (now, or at `at`), once the sender confirms the number of customers it goes to.
 * Refused in production without a relay (SMTP_URL): the mail would go nowhere.
 */
export async function sendMailing(ctx: UseCaseContext, id: string, input: z.output<typeof SendMailingSchema>): Promise<Mailing> {
  if (!ctx.settings.mail) throw new AppError('unavailable', 'Mailings need a mail relay: set SMTP_URL (the college’s Microsoft 365 or its own SMTP server)');
  const current = await mailingOf(ctx, id);
  if (current.state !== 'draft') throw AppError.conflict('state', `is ${current.state}: only a draft is sent`, 'invalid');
  const at = input.at ? new Date(input.at) : null;
  if (at && at.getTime() < ctx.now.getTime() - 60_000) throw AppError.invalid('at', 'must not be in the past');
  const campaign = await campaignOf(ctx, current.campaignId);
  if (campaign.targetSelectionIds.length === 0) throw AppError.conflict('targetSelectionIds', 'is empty: give the campaign a target selection first', 'invalid');
  const { customers } = await campaignAudienceNow(ctx, campaign, { contacts: false });
  if (customers.length !== input.expectedCustomers) {
    throw AppError.conflict('expectedCustomers', `is ${input.expectedCustomers}, but the campaign reaches ${customers.length} customers now: look again and confirm that count`, 'invalid');
  }
  const scheduled = at !== null && at.getTime() > ctx.now.getTime();
  const updated = await ctx.repos.mailings.change(id, { version: input.version, from: ['draft'] }, scheduled
    ? { state: 'scheduled', scheduledAt: at }
    : { state: 'sending', startedAt: ctx.now });
  if (!updated) throw stale(input.version);
  if (!scheduled) ctx.settings.mail.wake?.();
  return mailingView(updated);
}

/** Stops a scheduled mailing or one being sent; recipients not yet sent stay unsent. */
export async function cancelMailing(ctx: UseCaseContext, id: string, input: z.output<typeof CancelMailingSchema>): Promise<Mailing> {
  const current = await mailingOf(ctx, id);
  if (current.state !== 'scheduled' && current.state !== 'sending') throw AppError.conflict('state', `is ${current.state}: only a scheduled mailing or one being sent is cancelled`, 'invalid');
  const updated = await ctx.repos.mailings.change(id, { version: input.version, from: ['scheduled', 'sending'] }, { state: 'cancelled', finishedAt: ctx.now });
  if (!updated) throw stale(input.version);
  return mailingView(updated);
}

const recipientView = (r: RecipientRecord) => ({
  contactId: r.contactId, contactName: r.contactName, organizationId: r.organizationId, organizationName: r.organizationName, email: r.email,
  language: r.language, state: r.state, reason: r.reason, error: r.error, sentAt: r.sentAt?.toISOString() ?? null,
});

/** The mailing's recipients in send order, a page at a time (read batch by batch, by `_id`). */
export async function mailingRecipients(ctx: UseCaseContext, id: string, q: z.output<typeof RecipientQuerySchema>): Promise<RecipientPage> {
  const { mailings } = ctx.repos;
  const m = await mailingOf(ctx, id);
  const skip = (q.page - 1) * q.pageSize;
  const items: RecipientPage['items'] = [];
  if (!q.state) {
    // Without a filter only the batches that hold the page are read.
    for (let i = skip; items.length < q.pageSize && i < m.counts.total;) {
      const n = Math.floor(i / RECIPIENT_BATCH);
      const from = i - n * RECIPIENT_BATCH;
      const slice = (await mailings.batch(id, n)).slice(from, from + q.pageSize - items.length);
      if (slice.length === 0) break;
      items.push(...(await mailings.recipients(id, slice)).map(recipientView));
      i += slice.length;
    }
    return { items, page: q.page, pageSize: q.pageSize, total: m.counts.total, hasMore: skip + items.length < m.counts.total };
  }
  let matched = 0;
  for (let n = 0; n < m.batches; n++) {
    for (const r of await mailings.recipients(id, await mailings.batch(id, n))) {
      if (r.state !== q.state) continue;
      if (matched >= skip && items.length < q.pageSize) items.push(recipientView(r));
      matched++;
    }
  }
  return { items, page: q.page, pageSize: q.pageSize, total: matched, hasMore: skip + items.length < matched };
}
