/**
 * The sales pipeline: the training-product catalogue (usecases/products), maintained by administrators
 * and read by everyone; opportunities (usecases/opportunities), which account managers create and
 * change when they own them or look after their customer, management reads, administrators change;
 * and their offers (usecases/offers), changed while drafts, sent, accepted or rejected by the same people,
 * and the orders of accepted offers (usecases/orders).
 */
import * as z from 'zod';
import { IdSchema } from '../../../shared/contract';
import {
  CreateOfferSchema, CreateOrderSchema, OFFER_TRANSITIONS, OfferTransitionSchema, UpdateOfferSchema, UpdateOrderSchema,
  CreateOpportunitySchema, CreateProductSchema, OpportunityListQuerySchema, OrderListQuerySchema, ProductListQuerySchema, SalesReportQuerySchema, UpdateOpportunitySchema, UpdatePipelineStagesSchema, UpdateProductSchema,
} from '../../../shared/contract-sales';
import { createOffer, getOffer, listOffers, offerPdf, transitionOffer, updateOffer } from '../../usecases/offers';
import { exportForInvoicing, importInvoiced } from '../../usecases/invoicing';
import { createOrder, customerSales, getOrder, listOrders, orderOfOffer, updateOrder } from '../../usecases/orders';
import { CSV_CONTENT_TYPES } from './imports';
import { createOpportunity, getOpportunity, pipeline, updateOpportunity } from '../../usecases/opportunities';
import { listOpportunityActions } from '../../usecases/opportunityLinks';
import { salesAttention } from '../../usecases/salesAttention';
import { salesReport } from '../../usecases/salesReport';
import { getPipelineStages, updatePipelineStages } from '../../usecases/pipelineStages';
import { createProduct, getProduct, listProducts, updateProduct } from '../../usecases/products';
import { ADMINS, EVERYONE, LOGGERS, READERS, route, type AccessRules, type RouteDeclaration } from '../route';

const OPPORTUNITY_CARE = { account_manager: 'own_opportunity', admin: 'allow' } as const satisfies AccessRules;
const OFFER_CARE = { account_manager: 'own_offer', admin: 'allow' } as const satisfies AccessRules;
const ORDER_CARE = { account_manager: 'own_order', admin: 'allow' } as const satisfies AccessRules;

const IdParams = z.strictObject({ id: IdSchema });

export const SALES_ROUTES: readonly RouteDeclaration[] = [
  route({
    method: 'GET', path: '/products', resource: 'product', access: EVERYONE, query: ProductListQuerySchema,
    handler: async ({ ctx, query, res }) => res.json(await listProducts(ctx, query)),
  }),
  route({
    method: 'GET', path: '/products/:id', resource: 'product', access: EVERYONE, params: IdParams,
    handler: async ({ ctx, params, res }) => res.json(await getProduct(ctx, params.id)),
  }),
  route({
    method: 'POST', path: '/products', resource: 'product', access: ADMINS, body: CreateProductSchema,
    handler: async ({ ctx, body, res }) => res.status(201).json(await createProduct(ctx, body)),
  }),
  route({
    method: 'PATCH', path: '/products/:id', resource: 'product', access: ADMINS, params: IdParams, body: UpdateProductSchema,
    handler: async ({ ctx, params, body, res }) => res.json(await updateProduct(ctx, params.id, body)),
  }),
  route({
    method: 'GET', path: '/sales/attention', resource: 'opportunity', access: EVERYONE,
    handler: async ({ ctx, res }) => res.json(await salesAttention(ctx)),
  }),
  route({
    method: 'GET', path: '/reports/sales', resource: 'dashboard', access: READERS, query: SalesReportQuerySchema,
    handler: async ({ ctx, query, res }) => res.json(await salesReport(ctx, query)),
  }),
  route({
    method: 'GET', path: '/pipeline/stages', resource: 'pipeline_stages', access: EVERYONE,
    handler: async ({ ctx, res }) => res.json(await getPipelineStages(ctx)),
  }),
  route({
    method: 'PUT', path: '/pipeline/stages', resource: 'pipeline_stages', access: ADMINS, body: UpdatePipelineStagesSchema,
    handler: async ({ ctx, body, res }) => res.json(await updatePipelineStages(ctx, body)),
  }),
  route({
    method: 'GET', path: '/opportunities', resource: 'opportunity', access: EVERYONE, query: OpportunityListQuerySchema,
    handler: async ({ ctx, query, res }) => res.json(await pipeline(ctx, query)),
  }),
  route({
    method: 'GET', path: '/opportunities/:id', resource: 'opportunity', access: EVERYONE, params: IdParams,
    handler: async ({ ctx, params, res }) => res.json(await getOpportunity(ctx, params.id)),
  }),
  route({
    method: 'POST', path: '/opportunities', resource: 'opportunity', access: LOGGERS, body: CreateOpportunitySchema,
    handler: async ({ ctx, body, res }) => res.status(201).json(await createOpportunity(ctx, body)),
  }),
  route({
    method: 'PATCH', path: '/opportunities/:id', resource: 'opportunity', access: OPPORTUNITY_CARE, params: IdParams, body: UpdateOpportunitySchema,
    handler: async ({ ctx, params, body, res }) => res.json(await updateOpportunity(ctx, params.id, body)),
  }),
  route({
    method: 'GET', path: '/opportunities/:id/actions', resource: 'action', access: EVERYONE, params: IdParams,
    handler: async ({ ctx, params, res }) => res.json(await listOpportunityActions(ctx, params.id)),
  }),
  route({
    method: 'GET', path: '/opportunities/:id/offers', resource: 'offer', access: EVERYONE, params: IdParams,
    handler: async ({ ctx, params, res }) => res.json(await listOffers(ctx, params.id)),
  }),
  route({
    method: 'POST', path: '/opportunities/:id/offers', resource: 'offer', access: OPPORTUNITY_CARE, params: IdParams, body: CreateOfferSchema,
    handler: async ({ ctx, params, body, res }) => res.status(201).json(await createOffer(ctx, params.id, body)),
  }),
  route({
    method: 'GET', path: '/organizations/:id/sales', resource: 'offer', access: EVERYONE, params: IdParams,
    handler: async ({ ctx, params, res }) => res.json(await customerSales(ctx, params.id)),
  }),
  route({
    method: 'GET', path: '/offers/:id', resource: 'offer', access: EVERYONE, params: IdParams,
    handler: async ({ ctx, params, res }) => res.json(await getOffer(ctx, params.id)),
  }),
  route({
    method: 'GET', path: '/offers/:id/pdf', resource: 'offer', access: EVERYONE, params: IdParams,
    handler: async ({ ctx, params, res }) => {
      const { fileName, pdf } = await offerPdf(ctx, params.id);
      res.type('application/pdf').attachment(fileName).send(pdf);
    },
  }),
  route({
    method: 'PATCH', path: '/offers/:id', resource: 'offer', access: OFFER_CARE, params: IdParams, body: UpdateOfferSchema,
    handler: async ({ ctx, params, body, res }) => res.json(await updateOffer(ctx, params.id, body)),
  }),
  ...OFFER_TRANSITIONS.map((transition) => route({
    method: 'POST', path: `/offers/:id/${transition}`, resource: 'offer', verb: transition, access: OFFER_CARE, params: IdParams, body: OfferTransitionSchema,
    handler: async ({ ctx, params, body, res }) => res.json(await transitionOffer(ctx, params.id, transition, body.version)),
  })),
  route({
    method: 'GET', path: '/offers/:id/order', resource: 'order', access: EVERYONE, params: IdParams,
    handler: async ({ ctx, params, res }) => res.json(await orderOfOffer(ctx, params.id)),
  }),
  route({
    method: 'POST', path: '/offers/:id/order', resource: 'order', access: OFFER_CARE, params: IdParams, body: CreateOrderSchema,
    handler: async ({ ctx, params, body, res }) => {
      const { created, order } = await createOrder(ctx, params.id, body);
      res.status(created ? 201 : 200).json(order);
    },
  }),
  route({
    method: 'GET', path: '/orders', resource: 'order', access: EVERYONE, query: OrderListQuerySchema,
    handler: async ({ ctx, query, res }) => res.json(await listOrders(ctx, query)),
  }),
  // before /orders/:id, which would take `invoicing.csv` for an id
  route({
    method: 'GET', path: '/orders/invoicing.csv', resource: 'order', verb: 'export', access: ADMINS,
    handler: async ({ ctx, res }) => {
      res.status(200).type('text/csv; charset=utf-8').attachment(`laskutettavat-${ctx.now.toISOString().slice(0, 10)}.csv`).setHeader('Cache-Control', 'no-store');
      await exportForInvoicing(ctx, res);
      res.end();
    },
  }),
  route({
    method: 'POST', path: '/orders/invoiced', resource: 'order', verb: 'invoiced', access: ADMINS, accepts: CSV_CONTENT_TYPES,
    handler: async ({ ctx, req, res }) => res.json(await importInvoiced(ctx, req)),
  }),
  route({
    method: 'GET', path: '/orders/:id', resource: 'order', access: EVERYONE, params: IdParams,
    handler: async ({ ctx, params, res }) => res.json(await getOrder(ctx, params.id)),
  }),
  route({
    method: 'PATCH', path: '/orders/:id', resource: 'order', access: ORDER_CARE, params: IdParams, body: UpdateOrderSchema,
    handler: async ({ ctx, params, body, res }) => res.json(await updateOrder(ctx, params.id, body)),
  }),
];
