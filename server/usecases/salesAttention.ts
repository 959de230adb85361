/**
 * What needs an account manager's attention in their sales, for their desktop: their offers sent
 * and running out within EXPIRING_OFFER_DAYS (soonest first), and their open opportunities whose
 * expected close has passed (longest overdue first). Read from their owner list of opportunities,
 * those opportunities' offer ids and the offers, all by `_id`, so the desktop does not scan.
 */
import { isClosedStage, EXPIRING_OFFER_DAYS, type SalesAttention } from '../../shared/contract-sales';
import { addCalendarDays, calendarDay } from '../../shared/domain/zonedTime';
import type { UseCaseContext } from './context';
import { offerView } from './offers';
import { opportunityView } from './opportunities';

export async function salesAttention(ctx: UseCaseContext): Promise<SalesAttention> {
  const { repos, user, settings } = ctx;
  const today = calendarDay(ctx.now, settings.timeZone);
  const lastDay = calendarDay(addCalendarDays(ctx.now, EXPIRING_OFFER_DAYS, settings.timeZone), settings.timeZone);
  const opportunities = (await repos.opportunities.getMany(await repos.opportunities.idsOfOwner(user.id))).filter((o) => o.owner.id === user.id);
  const overdue = opportunities
    .filter((o) => !isClosedStage(o.stage) && o.expectedCloseOn !== null && o.expectedCloseOn < today)
    .sort((a, b) => a.expectedCloseOn!.localeCompare(b.expectedCloseOn!) || a.title.localeCompare(b.title));
  const offers = await repos.offers.getMany(await repos.opportunities.offerIdsOfMany(opportunities.map((o) => o.id)));
  const expiring = offers
    .filter((o) => o.state === 'sent' && o.validUntil >= today && o.validUntil <= lastDay)
    .sort((a, b) => a.validUntil.localeCompare(b.validUntil) || a.number.localeCompare(b.number));
  return { expiringOffers: expiring.map((o) => offerView(ctx, o)), overdueOpportunities: overdue.map(opportunityView) };
}
