/**
 * Campaigns: a purpose over a period, aimed at the contacts of its target selections minus those
 * of its exclusion selections (campaignAudienceNow); its page shows its mailings and what came of them.
 */
import type { z } from 'zod';
import type { Campaign, CampaignListItem, CampaignResults, CreateCampaignSchema, MailingAudience, UpdateCampaignSchema } from '../../shared/contract-campaigns';
import { AppError } from '../errors';
import { hasContactCriteria } from '../../shared/domain/selectionContacts';
import type { CampaignRecord, ContactRecord, SelectionRecord } from '../persistence/repositories';
import type { UseCaseContext } from './context';
import { mailingView } from './mailings';
import { selectionContacts, selectionMembers, visible } from './selections';
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

export interface AudienceCustomer {
  id: string;
  name: string;
  /** Its contacts the campaign reaches, in name order (empty when they were not asked for). */
  contacts: ContactRecord[];
}

/**
 * The campaign's audience now, from the contacts of its selections (selectionContacts: a selection
 * over contacts gives its matching contacts, any other every contact of its customers): the target
 * selections' customers and contacts, each once, in the order found, without the exclusion
 * selections' — an exclusion over contacts takes out exactly those contacts, any other its
 * customers whole. A customer is reached unless an exclusion takes it out whole or takes every one
 * of its contacts; `excluded` counts the target customers left out so.
 *
 * Without `contacts` and with no selection over contacts, only customers are read (the count a
 * sender confirms); otherwise the contacts too.
 */
export async function campaignAudienceNow(ctx: UseCaseContext, c: CampaignRecord, opts: { contacts: boolean }): Promise<{ customers: AudienceCustomer[]; excluded: number }> {
  const selections = async (ids: readonly string[]) => (await Promise.all(ids.map((id) => ctx.repos.selections.get(id)))).filter((s): s is SelectionRecord => s !== null);
  const [targets, exclusions] = await Promise.all([selections(c.targetSelectionIds), selections(c.exclusionSelectionIds)]);
  const withContacts = opts.contacts || [...targets, ...exclusions].some((s) => hasContactCriteria(s.criteria));

  const excludedCustomers = new Set<string>();
  const excludedContacts = new Set<string>();
  for (const s of exclusions) {
    if (hasContactCriteria(s.criteria)) for (const contact of (await selectionContacts(ctx, s)).contacts) excludedContacts.add(contact.id);
    else for (const row of await selectionMembers(ctx, s)) excludedCustomers.add(row.id);
  }

  const found = new Map<string, AudienceCustomer>();
  const seen = new Set<string>();
  for (const s of targets) {
    const { customers, contacts } = withContacts ? await selectionContacts(ctx, s) : { customers: await selectionMembers(ctx, s), contacts: [] };
    const overContacts = hasContactCriteria(s.criteria);
    const ofCustomer = new Map<string, ContactRecord[]>();
    for (const contact of contacts) {
      const list = ofCustomer.get(contact.organizationId);
      if (list) list.push(contact);
      else ofCustomer.set(contact.organizationId, [contact]);
    }
    for (const o of customers) {
      const mine = ofCustomer.get(o.id) ?? [];
      // a frozen customer of a selection over contacts that has no matching contact now: nobody there
      if (overContacts && mine.length === 0) continue;
      let entry = found.get(o.id);
      if (!entry) found.set(o.id, (entry = { id: o.id, name: o.name, contacts: [] }));
      for (const contact of mine) {
        if (seen.has(contact.id)) continue;
        seen.add(contact.id);
        entry.contacts.push(contact);
      }
    }
  }

  const reached: AudienceCustomer[] = [];
  let excluded = 0;
  for (const entry of found.values()) {
    const left = entry.contacts.filter((contact) => !excludedContacts.has(contact.id));
    if (excludedCustomers.has(entry.id) || (entry.contacts.length > 0 && left.length === 0)) excluded++;
    else reached.push({ ...entry, contacts: left });
  }
  return { customers: reached, excluded };
}

export async function campaignAudience(ctx: UseCaseContext, id: string): Promise<MailingAudience> {
  const { customers, excluded } = await campaignAudienceNow(ctx, await campaignOf(ctx, id), { contacts: false });
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
