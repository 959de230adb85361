/** The sales pipeline (usecases/products): the training-product catalogue, maintained by administrators and read by everyone. */
import * as z from 'zod';
import { IdSchema } from '../../../shared/contract';
import { CreateProductSchema, ProductListQuerySchema, UpdateProductSchema } from '../../../shared/contract-sales';
import { createProduct, getProduct, listProducts, updateProduct } from '../../usecases/products';
import { ADMINS, EVERYONE, route, type RouteDeclaration } from '../route';

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
];
