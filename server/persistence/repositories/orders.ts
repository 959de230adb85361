/**
 * Orders (`orders`, see models.ts). Why each write is safe with several instances: an order's `_id`
 * is derived from its offer's, so of any number of concurrent orders of one offer exactly one is
 * inserted (the others find it); a change is a compare-and-set on `version` and `state`.
 */
import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import type { OrderState } from '../../../shared/contract-sales';
import type { OfferTotals } from '../../../shared/domain/money';
import { isDuplicateKeyError, type Engine } from '../engine';
import type { Models, OrderDoc, OrderListDoc } from '../models';
import type { OfferLineRecord } from './offers';
import { oid, str } from './records';

export interface OrderRecord {
  id: string;
  number: string;
  offerId: string;
  opportunityId: string;
  organizationId: string;
  organizationName: string;
  lines: OfferLineRecord[];
  totals: OfferTotals;
  deliveryStart: string | null;
  deliveryEnd: string | null;
  state: OrderState;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type NewOrder = Omit<OrderRecord, 'id' | 'state' | 'version' | 'createdAt' | 'updatedAt'>;

export interface OrderRepository {
  /** The order of the offer: `created: false` with the existing one when it has one already. */
  insert(order: NewOrder): Promise<{ created: boolean; order: OrderRecord }>;
  get(id: string): Promise<OrderRecord | null>;
  ofOffer(offerId: string): Promise<OrderRecord | null>;
  /** The orders of these offers, where made (`_id` reads: an order's id is derived from its offer's). */
  ofOffers(offerIds: readonly string[]): Promise<OrderRecord[]>;
  /** The orders to be invoiced, oldest first (the finance hand-off: the state's list, then the orders by `_id`). */
  toBeInvoiced(): Promise<OrderRecord[]>;
  /** The orders in a state, newest first: the state's list (`order_lists`, `state:<state>`), then the orders by `_id`. */
  inState(state: OrderState): Promise<OrderRecord[]>;
  getMany(ids: readonly string[]): Promise<OrderRecord[]>;
  update(id: string, expect: { version: number; state: OrderState }, set: Partial<Pick<OrderRecord, 'state' | 'deliveryStart' | 'deliveryEnd'>>): Promise<OrderRecord | null>;
}

/** The order's `_id`, derived from its offer's. */
export const orderIdOf = (offerId: string): string => createHash('sha256').update(`order\u0000${offerId}`).digest('hex').slice(0, 24);

function fromDoc(d: OrderDoc): OrderRecord {
  return {
    id: str(d._id), number: d.number, offerId: str(d.offerId), opportunityId: str(d.opportunityId), organizationId: str(d.organizationId),
    organizationName: d.organizationName, lines: d.lines as OfferLineRecord[], totals: d.totals as OfferTotals,
    deliveryStart: d.deliveryStart ?? null, deliveryEnd: d.deliveryEnd ?? null, state: d.state as OrderState, version: d.version ?? 0,
    createdAt: d.createdAt, updatedAt: d.updatedAt,
  };
}

/** The `_id` of the list of the orders in a state. */
export const orderListKey = (state: OrderState): string => `state:${state}`;

export function orderRepository(models: Models, engine: Engine): OrderRepository {
  const { Order, OrderList } = models;
  const get = async (id: string) => (Types.ObjectId.isValid(id) ? (await engine.findByIds<OrderDoc>(Order, [oid(id)])).map(fromDoc)[0] ?? null : null);
  const listIn = (state: OrderState, id: string) =>
    engine.updateById(OrderList, orderListKey(state), { $addToSet: { ids: id } }, { upsert: true, timestamps: false });
  const listOut = (state: OrderState, id: string) => engine.updateById(OrderList, orderListKey(state), { $pull: { ids: id } }, { timestamps: false });
  /** An order in its state's list: a write lost between the two list writes leaves an id the reader drops. */
  const inState = async (state: OrderState) => {
    const ids = (await engine.findByIds<OrderListDoc>(OrderList, [orderListKey(state)]))[0]?.ids ?? [];
    const orders = (await engine.findByIds<OrderDoc>(Order, ids.filter((id) => Types.ObjectId.isValid(id)).map(oid))).map(fromDoc);
    return orders.filter((o) => o.state === state).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.number.localeCompare(a.number));
  };
  return {
    async insert(order) {
      const id = orderIdOf(order.offerId);
      try {
        const doc = await Order.create({
          _id: oid(id), ...order, offerId: oid(order.offerId), opportunityId: oid(order.opportunityId), organizationId: oid(order.organizationId),
          state: 'confirmed', version: 0,
        });
        await listIn('confirmed', id);
        return { created: true, order: fromDoc(doc.toObject() as OrderDoc) };
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        const existing = (await get(id))!;
        await listIn(existing.state, id); // where the first request stopped before listing it
        return { created: false, order: existing };
      }
    },
    get,
    async getMany(ids) {
      return (await engine.findByIds<OrderDoc>(Order, ids.filter((id) => Types.ObjectId.isValid(id)).map(oid))).map(fromDoc);
    },
    async toBeInvoiced() {
      return (await inState('to_be_invoiced')).reverse();
    },
    inState,
    ofOffer: (offerId) => get(orderIdOf(offerId)),
    async ofOffers(offerIds) {
      return (await engine.findByIds<OrderDoc>(Order, offerIds.map((id) => oid(orderIdOf(id))))).map(fromDoc);
    },
    async update(id, expect, set) {
      const res = await engine.updateById<OrderDoc>(Order, oid(id), { $set: set, $inc: { version: 1 } }, { where: { version: expect.version, state: expect.state }, returnDocument: 'after' });
      if (!res.doc) return null;
      const after = fromDoc(res.doc);
      if (after.state !== expect.state) {
        await listIn(after.state, id);
        await listOut(expect.state, id);
      }
      return after;
    },
  };
}
