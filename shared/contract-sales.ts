/**
 * The API contract of the sales pipeline's product catalogue (`/api/v1/products`): the college's
 * training products with their unit, net unit price (integer cents, never floats) and VAT rate (basis
 * points, per product: education is usually VAT-exempt in Finland, other services 25.5 %).
 * Administrators maintain the catalogue; everyone reads it (offers are built from it).
 */
import * as z from 'zod';
import { IdSchema } from './contract';
import { MAX_CENTS, VAT_RATES_BP } from './domain/money';

export const PRODUCT_KINDS = ['staff_training', 'apprenticeship_training', 'labour_market_training', 'qualification', 'consulting', 'other'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

export const PRODUCT_UNITS = ['participant', 'day', 'group', 'hour'] as const;
export type ProductUnit = (typeof PRODUCT_UNITS)[number];

/** A product code: letters, digits, `-` and `_`, kept in capitals (`TYO-TURVA-1`). */
export const ProductCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, { error: 'must be 1–32 letters, digits, - or _, starting with a letter or digit' })
  .transform((code) => code.toUpperCase());

const productName = z.string().trim().min(1, { error: 'must not be empty' }).max(200, { error: 'must be at most 200 characters' });

/** The product's name per language: Finnish always, Swedish and English where the college sells in them. */
export const ProductNameSchema = z.strictObject({
  fi: productName,
  sv: productName.nullable().default(null),
  en: productName.nullable().default(null),
});

export const VatRateSchema = z
  .number({ error: 'must be a number' })
  .refine((rate): rate is (typeof VAT_RATES_BP)[number] => (VAT_RATES_BP as readonly number[]).includes(rate), {
    error: `must be one of ${VAT_RATES_BP.join(', ')} (basis points: 2550 is 25.5 %)`,
  });

export const CentsSchema = z
  .number({ error: 'must be a number' })
  .int({ error: 'must be whole cents' })
  .min(0, { error: 'must not be negative' })
  .max(MAX_CENTS, { error: 'is too large' });

const productFields = {
  code: ProductCodeSchema,
  name: ProductNameSchema,
  kind: z.enum(PRODUCT_KINDS),
  unit: z.enum(PRODUCT_UNITS),
  unitPriceCents: CentsSchema,
  vatRateBp: VatRateSchema,
  active: z.boolean(),
};

export const CreateProductSchema = z.strictObject({ ...productFields, active: productFields.active.default(true) });
export type CreateProduct = z.input<typeof CreateProductSchema>;

export const UpdateProductSchema = z
  .strictObject({
    ...productFields,
    name: z.strictObject({ fi: productName, sv: productName.nullable(), en: productName.nullable() }).partial(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { error: 'must change at least one field' });
export type UpdateProduct = z.input<typeof UpdateProductSchema>;

export const ProductListQuerySchema = z.strictObject({
  /** `true`: only products on sale; `false`: only retired ones; absent: all. */
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  kind: z.enum(PRODUCT_KINDS).optional(),
});

export const ProductSchema = z.object({
  id: IdSchema,
  code: z.string(),
  name: z.object({ fi: z.string(), sv: z.string().nullable(), en: z.string().nullable() }),
  kind: z.enum(PRODUCT_KINDS),
  unit: z.enum(PRODUCT_UNITS),
  unitPriceCents: z.number().int(),
  vatRateBp: z.number().int(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Product = z.infer<typeof ProductSchema>;

export const ProductListSchema = z.object({ items: z.array(ProductSchema) });
export type ProductList = z.infer<typeof ProductListSchema>;
