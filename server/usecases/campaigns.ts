/**
 * Campaigns: a purpose over a period, aimed at the customers of its target selections minus those
 * of its exclusion selections; its page shows its mailings and what came of them.
 */
import type { z } from 'zod';
import type { Campaign, CampaignListItem, CampaignResults, CreateCampaignSchema, MailingAudience, UpdateCampaignSchema } from '../../shared/contract-campaigns';
import { AppError } from '../errors';
import type { CampaignRecord } from '../persistence/repositories';
import type { UseCaseContext } from './context';
import { mailingView } from './mailings';
import { selectionMembers, visible } from './selections';
import { personRef } from './views';

export function campaignView(c: CampaignRecord): Campaign {
  return {
    id: c.id, name: c.name, purpose: c.purpose, startsOn: c.startsOn, endsOn: c.endsOn, owner: c.owner, status: c.status,
    targetSelectionIds: c.targetSelectionIds, exclusionSelectionIds: c.exclusionSelectionIds, version: c.version,
    createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString(),
  };
}

export async function campaignOf(ctx: UseCaseContext, id: string): Promise<CampaignRecord> {
  const c = await ctx.repos.campaigns.get(id);
  if (!c) throw AppError.notFound('The campaign');
  return c;
}

/** Each selection named must be one the user sees (422 naming `<field>.<i>`). */
async function assertSelections(ctx: UseCaseContext, field: string, ids: readonly string[] | undefined): Promise<void> {
  for (const [i, id] of (ids ?? []).entries()) {
    await visible(ctx, id).catch(() => {
      throw AppError.unprocessable(`${field}.${i} names no selection you can use`, `${field}.${i}`);
    });
  }
}

/** Every campaign, with the number of its mailings and of those sent (one read of the mailings' states for the whole list). */
export async function listCampaigns(ctx: UseCaseContext): Promise<{ items: CampaignListItem[] }> {
  const campaigns = await ctx.repos.campaigns.all();
  const mailings = await ctx.repos.mailings.getMany(campaigns.flatMap((c) => c.mailingIds));
  const sent = new Set(mailings.filter((m) => m.state === 'sent').map((m) => m.id));
  return {
    items: campaigns.map((c) => ({ ...campaignView(c), mailingCount: c.mailingIds.length, sentMailingCount: c.mailingIds.filter((id) => sent.has(id)).length })),
  };
}

export async function createCampaign(ctx: UseCaseContext, input: z.output<typeof CreateCampaignSchema>): Promise<Campaign> {
  await assertSelections(ctx, 'targetSelectionIds', input.targetSelectionIds);
  await assertSelections(ctx, 'exclusionSelectionIds', input.exclusionSelectionIds);
  const id = ctx.repos.campaigns.newId();
  return campaignView(await ctx.repos.campaigns.insert(id, { ...input, owner: personRef(ctx.user) }));
}

export async function updateCampaign(ctx: UseCaseContext, id: string, patch: z.output<typeof UpdateCampaignSchema>): Promise<Campaign> {
  const current = await campaignOf(ctx, id);
  const { version, ...set } = patch;
  const startsOn = set.startsOn ?? current.startsOn;
  const endsOn = set.endsOn ?? current.endsOn;
  if (endsOn < startsOn) throw AppError.invalid('endsOn', 'must not be before the start');
  await assertSelections(ctx, 'targetSelectionIds', set.targetSelectionIds);
  await assertSelections(ctx, 'exclusionSelectionIds', set.exclusionSelectionIds);
  const updated = await ctx.repos.campaigns.update(id, version, set);
  if (!updated) throw AppError.conflict('version', `is ${version}, but the campaign was changed meanwhile: load it again`, 'invalid');
  return campaignView(updated);
}

/**
 * The campaign's customers now: the target selections' members (each once, in the order found)
 * without the exclusion selections' members; and how many were excluded.
 */
export async function campaignCustomers(ctx: UseCaseContext, c: CampaignRecord): Promise<{ customers: { id: string; name: string }[]; excluded: number }> {
  const excluded = new Set<string>();
  for (const id of c.exclusionSelectionIds) {
    const s = await ctx.repos.selections.get(id);
    if (s) for (const row of await selectionMembers(ctx, s)) excluded.add(row.id);
  }
  const customers: { id: string; name: string }[] = [];
  const seen = new Set<string>();
  let left = 0;
  for (const id of c.targetSelectionIds) {
    const s = await ctx.repos.selections.get(id);
    if (!s) continue;
    for (const row of await selectionMembers(ctx, s)) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      if (excluded.has(row.id)) left++;
      else customers.push({ id: row.id, name: row.name });
    }
  }
  return { customers, excluded: left };
}

export async function campaignAudience(ctx: UseCaseContext, id: string): Promise<MailingAudience> {
  const { customers, excluded } = await campaignCustomers(ctx, await campaignOf(ctx, id));
  return { customers: customers.length, excludedCustomers: excluded };
}

export async function campaignResults(ctx: UseCaseContext, id: string): Promise<CampaignResults> {
  const c = await campaignOf(ctx, id);
  const mailings = (await ctx.repos.mailings.getMany(c.mailingIds)).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const totals = { total: 0, queued: 0, sending: 0, sent: 0, failed: 0, skipped: 0, optedOut: 0 };
  for (const m of mailings) {
    for (const k of ['total', 'queued', 'sending', 'sent', 'failed', 'skipped'] as const) totals[k] += m.counts[k];
    totals.optedOut += m.optedOut;
  }
  return { campaign: campaignView(c), mailings: mailings.map(mailingView), totals };
}
