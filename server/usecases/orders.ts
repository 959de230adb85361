/**
 * Orders: made from an accepted offer (its lines and totals copied and locked; one order per offer,
 * a second request answers the same order), then moved forward by hand — confirmed → delivered →
 * to be invoiced — with delivery dates; `invoiced` is the finance hand-off's to set. A stale change
 * is a 409 naming `version`, a step the state does not allow a 409 naming `state`.
 */
import type { z } from 'zod';
import { ORDER_STEPS, type CreateOrderSchema, type CustomerSales, type Order, type OrderList, type OrderListQuerySchema, type UpdateOrderSchema } from '../../shared/contract-sales';
import { calendarDay } from '../../shared/domain/zonedTime';
import { AppError } from '../errors';
import type { OrderRecord } from '../persistence/repositories';
import type { UseCaseContext } from './context';
import { offerState, offerView } from './offers';

export function orderView(o: OrderRecord): Order {
  return { ...o, createdAt: o.createdAt.toISOString(), updatedAt: o.updatedAt.toISOString() };
}

const today = (ctx: UseCaseContext) => calendarDay(ctx.now, ctx.settings.timeZone);

export async function createOrder(ctx: UseCaseContext, offerId: string, input: z.output<typeof CreateOrderSchema>): Promise<{ created: boolean; order: Order }> {
  const { repos } = ctx;
  const offer = await repos.offers.get(offerId);
  if (!offer) throw AppError.notFound('The offer');
  if (offer.state !== 'accepted') {
    throw AppError.conflict('state', `is ${offerState(offer, today(ctx))}: only an accepted offer becomes an order`, 'invalid');
  }
  const { created, order } = await repos.orders.insert({
    number: offer.number, offerId: offer.id, opportunityId: offer.opportunityId, organizationId: offer.organizationId,
    organizationName: offer.organizationName, lines: offer.lines, totals: offer.totals, deliveryStart: input.deliveryStart, deliveryEnd: input.deliveryEnd,
  });
  return { created, order: orderView(order) };
}

export async function getOrder(ctx: UseCaseContext, id: string): Promise<Order> {
  const found = await ctx.repos.orders.get(id);
  if (!found) throw AppError.notFound('The order');
  return orderView(found);
}

/** The orders in a state, newest first (the state's list, then the orders by `_id`). */
export async function listOrders(ctx: UseCaseContext, query: z.output<typeof OrderListQuerySchema>): Promise<OrderList> {
  return { items: (await ctx.repos.orders.inState(query.state)).map(orderView) };
}

export async function orderOfOffer(ctx: UseCaseContext, offerId: string): Promise<Order> {
  const found = await ctx.repos.orders.ofOffer(offerId);
  if (!found) throw AppError.notFound('The order of the offer');
  return orderView(found);
}

export async function updateOrder(ctx: UseCaseContext, id: string, patch: z.output<typeof UpdateOrderSchema>): Promise<Order> {
  const { repos } = ctx;
  const current = await repos.orders.get(id);
  if (!current) throw AppError.notFound('The order');
  const { version, ...set } = patch;
  if (current.state === 'invoiced') throw AppError.conflict('state', 'is invoiced: an invoiced order is not changed', 'invalid');
  if (set.state !== undefined && ORDER_STEPS[current.state] !== set.state) {
    throw AppError.conflict('state', `is ${current.state}: it cannot become ${set.state}${ORDER_STEPS[current.state] ? ` (next: ${ORDER_STEPS[current.state]})` : ''}`, 'invalid');
  }
  const start = set.deliveryStart !== undefined ? set.deliveryStart : current.deliveryStart;
  const end = set.deliveryEnd !== undefined ? set.deliveryEnd : current.deliveryEnd;
  if (start && end && end < start) throw AppError.invalid('deliveryEnd', 'must not be before deliveryStart');
  const updated = await repos.orders.update(id, { version, state: current.state }, set);
  if (!updated) {
    const now = await repos.orders.get(id);
    if (now && now.state !== current.state) throw AppError.conflict('state', `is ${now.state} now: read it again`, 'invalid');
    throw AppError.conflict('version', `is ${version}, but the order was changed meanwhile (now version ${now?.version ?? '?'}): read it again and repeat the change`, 'invalid');
  }
  return orderView(updated);
}

/**
 * A customer's offers and orders for its page: its opportunities from the customer's list (one
 * `_id` read), their offers' ids from them, the offers by `_id`, and the orders by the `_id` each
 * accepted offer's order has. Offers newest first by number.
 */
export async function customerSales(ctx: UseCaseContext, organizationId: string): Promise<CustomerSales> {
  const { repos } = ctx;
  const [customer, opportunityIds] = await Promise.all([repos.customers.get(organizationId), repos.opportunities.idsOfCustomer(organizationId)]);
  if (!customer) throw AppError.notFound('The customer');
  const offers = (await repos.offers.getMany(await repos.opportunities.offerIdsOfMany(opportunityIds))).sort((a, b) => b.number.localeCompare(a.number));
  const orders = await repos.orders.ofOffers(offers.filter((o) => o.state === 'accepted').map((o) => o.id));
  return {
    offers: offers.map((o) => offerView(ctx, o)),
    orders: orders.sort((a, b) => b.number.localeCompare(a.number)).map(orderView),
  };
}
