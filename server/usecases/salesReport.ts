/**
 * The sales figures of the management dashboard, over the last `months` calendar months (in the
 * configured zone): the open pipeline by stage and by expected close over the coming months
 * (count, value, weighted value), opportunities won
 * and lost per month (by the month of the stage change) with the reasons given for the lost ones,
 * offers sent per account manager (count and total incl. VAT), and how many of the offers sent in
 * the period became orders. Read from each account manager's owner list of opportunities, their
 * offers and orders, all by `_id`, so the report does not scan the collections.
 */
import { isClosedStage, type SalesReport } from '../../shared/contract-sales';
import { calendarDay } from '../../shared/domain/zonedTime';
import type { UseCaseContext } from './context';
import { opportunityView, stageSummaries } from './opportunities';
import { currentStageRules } from './pipelineStages';
import { personRef } from './views';

/** `count` consecutive `YYYY-MM` months, oldest first, starting `from` months after the one of `today`. */
export function monthsFrom(today: string, from: number, count: number): string[] {
  const [year, month] = today.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const m = new Date(Date.UTC(year, month - 1 + from + i, 1));
    return `${m.getUTCFullYear()}-${String(m.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

export async function salesReport(ctx: UseCaseContext, q: { months: number }): Promise<SalesReport> {
  const { repos, settings } = ctx;
  const tz = settings.timeZone;
  const today = calendarDay(ctx.now, tz);
  const months = monthsFrom(today, 1 - q.months, q.months);
  const monthOf = (at: Date) => calendarDay(at, tz).slice(0, 7);
  const inPeriod = (at: Date | null): at is Date => at !== null && monthOf(at) >= months[0]!;

  const managers = [...(await repos.reference.get()).users.values()].filter((u) => u.role === 'account_manager');
  const ids = [...new Set((await Promise.all(managers.map((m) => repos.opportunities.idsOfOwner(m.id)))).flat())];
  const [opportunities, rules] = await Promise.all([repos.opportunities.getMany(ids), currentStageRules(ctx)]);
  const offers = await repos.offers.getMany(await repos.opportunities.offerIdsOfMany(opportunities.map((o) => o.id)));
  const sent = offers.filter((o) => inPeriod(o.sentAt));
  const ordered = new Set((await repos.orders.ofOffers(sent.filter((o) => o.state === 'accepted').map((o) => o.id))).map((o) => o.offerId));

  const open = opportunities.map(opportunityView).filter((o) => !isClosedStage(o.stage));
  const byStage = stageSummaries(open, rules.openColumns(open.map((o) => o.stage)));
  const byCloseMonth = monthsFrom(today, 0, q.months).map((month) => {
    const closing = open.filter((o) => o.expectedCloseOn?.startsWith(month));
    return {
      month,
      count: closing.length,
      valueCents: closing.reduce((sum, o) => sum + o.estimatedValueCents, 0),
      weightedValueCents: closing.reduce((sum, o) => sum + o.weightedValueCents, 0),
    };
  });

  const closings = opportunities.flatMap((o) => {
    const last = [...o.history].reverse().find((h) => h.to === o.stage);
    return (o.stage === 'won' || o.stage === 'lost') && last && inPeriod(last.at) ? [{ o, month: monthOf(last.at) }] : [];
  });
  const closedByMonth = months.map((month) => ({
    month,
    won: closings.filter((c) => c.month === month && c.o.stage === 'won').length,
    lost: closings.filter((c) => c.month === month && c.o.stage === 'lost').length,
  }));
  const reasons = new Map<string, number>();
  for (const { o } of closings) if (o.stage === 'lost') reasons.set(o.lostReason ?? '', (reasons.get(o.lostReason ?? '') ?? 0) + 1);
  const lostReasons = [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason, 'fi'));

  const offersByManager = managers
    .map((m) => {
      const mine = sent.filter((o) => o.owner.id === m.id);
      return { manager: personRef(m), count: mine.length, grossCents: mine.reduce((sum, o) => sum + o.totals.gross, 0) };
    })
    .filter((r) => r.count > 0)
    .sort((a, b) => b.count - a.count || a.manager.name.localeCompare(b.manager.name, 'fi'));

  return {
    months,
    byStage,
    byCloseMonth,
    closedByMonth,
    lostReasons,
    offersByManager,
    conversion: { sent: sent.length, ordered: sent.filter((o) => ordered.has(o.id)).length },
  };
}
