/**
 * The training-product catalogue: administrators add and change products (a code is unique, claimed
 * in `unique_keys` before the product is written and released when it changes); everyone reads it.
 * A product is never deleted — offers name it — but retired (`active: false`).
 */
import type { z } from 'zod';
import type { CreateProductSchema, Product, ProductList, ProductListQuerySchema, UpdateProductSchema } from '../../shared/contract-sales';
import { AppError } from '../errors';
import type { KeyClaim, ProductRecord } from '../persistence/repositories';
import type { UseCaseContext } from './context';

export function productView(p: ProductRecord): Product {
  return { ...p, createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString() };
}

const codeKey = (code: string): KeyClaim => ({ kind: 'productCode', value: code, field: 'code' });

export async function listProducts(ctx: UseCaseContext, query: z.output<typeof ProductListQuerySchema>): Promise<ProductList> {
  const all = await ctx.repos.products.all();
  const items = all.filter((p) => (query.active === undefined || p.active === query.active) && (query.kind === undefined || p.kind === query.kind));
  return { items: items.map(productView) };
}

export async function getProduct(ctx: UseCaseContext, id: string): Promise<Product> {
  const product = await ctx.repos.products.get(id);
  if (!product) throw AppError.notFound('The product');
  return productView(product);
}

export async function createProduct(ctx: UseCaseContext, input: z.output<typeof CreateProductSchema>): Promise<Product> {
  const { repos } = ctx;
  const id = repos.products.newId();
  await repos.keys.claim(id, [codeKey(input.code)], { now: ctx.now });
  try {
    return productView(await repos.products.insert(id, input));
  } catch (err) {
    await repos.keys.release(id, [codeKey(input.code)]);
    throw err;
  }
}

export async function updateProduct(ctx: UseCaseContext, id: string, patch: z.output<typeof UpdateProductSchema>): Promise<Product> {
  const { repos } = ctx;
  const current = await repos.products.get(id);
  if (!current) throw AppError.notFound('The product');
  const newCode = patch.code !== undefined && patch.code !== current.code ? patch.code : null;
  if (newCode) await repos.keys.claim(id, [codeKey(newCode)], { now: ctx.now });
  let updated: ProductRecord | null;
  try {
    updated = await repos.products.update(id, patch);
  } catch (err) {
    if (newCode) await repos.keys.release(id, [codeKey(newCode)]);
    throw err;
  }
  if (!updated) {
    if (newCode) await repos.keys.release(id, [codeKey(newCode)]);
    throw AppError.notFound('The product');
  }
  if (newCode) await repos.keys.release(id, [codeKey(current.code)]);
  return productView(updated);
}
