/**
 * The API contract of the sales pipeline's product catalogue (`/api/v1/products`): the college's
 * training products with their unit, net unit price (integer cents, never floats) and VAT rate (basis
 * points, per product: education is usually VAT-exempt in Finland, other services 25.5 %).
 * Administrators maintain the catalogue; everyone reads it (offers are built from it).
 *
 * And its opportunities (`/api/v1/opportunities`): a possible sale to a customer, owned by an account
 * manager, moving through ordered stages (lead → needs defined → offer sent → negotiation → won or
 * lost, with the reason) with every stage change kept; its estimated value weighted by its
 * probability is what the pipeline board sums per stage. A change names the version it was made on,
 * so two people changing one opportunity never overwrite each other unseen (409).
 */
import * as z from 'zod';
import { IdSchema, PersonRefSchema } from './contract';
import { DaySchema } from './contract-tasks';
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

// ---------- opportunities ----------

/** The stages an opportunity ends in, always there after the admin-configured open stages. */
export const CLOSED_STAGES = ['won', 'lost'] as const;
export type ClosedStage = (typeof CLOSED_STAGES)[number];
/** A stage's key: one of the configured open stages (`GET /pipeline/stages`) or a closing one. */
export type OpportunityStage = string;
export const isClosedStage = (stage: OpportunityStage): stage is ClosedStage => (CLOSED_STAGES as readonly string[]).includes(stage);
/** The probability an opportunity gets on closing (percent); an open stage has its own in its definition. */
export const CLOSED_STAGE_PROBABILITY: Readonly<Record<ClosedStage, number>> = { won: 100, lost: 0 };
export const MAX_PIPELINE_STAGES = 20;

const stageKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { error: 'must be a stage key: 1–40 of a–z, 0–9 and _, starting with a letter' });
const stageName = z.string().trim().min(1, { error: 'must not be empty' }).max(60, { error: 'must be at most 60 characters' });

/** An open stage as administrators keep it: its name per language, its default probability, and whether new opportunities may enter it. */
export const StageDefinitionSchema = z.strictObject({
  key: stageKey.refine((k) => !isClosedStage(k), { error: 'won and lost are the closing stages and are always there' }),
  labels: z.strictObject({ fi: stageName, sv: stageName, en: stageName }),
  probabilityPct: z.number({ error: 'must be a number' }).int({ error: 'must be a whole percent' }).min(0, { error: 'must be 0–100' }).max(100, { error: 'must be 0–100' }),
  /** A retired stage keeps its opportunities but takes no new ones. */
  active: z.boolean().default(true),
});
export type StageDefinition = z.infer<typeof StageDefinitionSchema>;

/** `GET /pipeline/stages`: the open stages in board order (won and lost follow), and the version to change them on. */
export const PipelineStagesSchema = z.object({ stages: z.array(StageDefinitionSchema), version: z.number().int() });
export type PipelineStages = z.infer<typeof PipelineStagesSchema>;

/** `PUT /pipeline/stages`: every open stage in its new order; a stage in use is retired (`active: false`), never removed. */
export const UpdatePipelineStagesSchema = z
  .strictObject({
    version: z.number().int().min(0),
    stages: z.array(StageDefinitionSchema).min(1, { error: 'must have at least one stage' }).max(MAX_PIPELINE_STAGES, { error: `must have at most ${MAX_PIPELINE_STAGES} stages` }),
  })
  .superRefine((v, ctx) => {
    v.stages.forEach((s, i) => {
      if (v.stages.findIndex((o) => o.key === s.key) !== i) ctx.addIssue({ code: 'custom', message: 'is the key of another stage', path: ['stages', i, 'key'] });
    });
    if (v.stages.length > 0 && !v.stages.some((s) => s.active)) ctx.addIssue({ code: 'custom', message: 'must keep at least one stage active', path: ['stages'] });
  });
export type UpdatePipelineStages = z.input<typeof UpdatePipelineStagesSchema>;

/** The open stages of a new database: lead → needs defined → offer sent → negotiation. */
export const DEFAULT_PIPELINE_STAGES: readonly StageDefinition[] = [
  { key: 'lead', labels: { fi: 'Liidi', sv: 'Lead', en: 'Lead' }, probabilityPct: 10, active: true },
  { key: 'needs_defined', labels: { fi: 'Tarve määritelty', sv: 'Behov definierat', en: 'Needs defined' }, probabilityPct: 25, active: true },
  { key: 'offer_sent', labels: { fi: 'Tarjous lähetetty', sv: 'Offert skickad', en: 'Offer sent' }, probabilityPct: 50, active: true },
  { key: 'negotiation', labels: { fi: 'Neuvottelu', sv: 'Förhandling', en: 'Negotiation' }, probabilityPct: 75, active: true },
];
/** The default stages' keys in board order, the closing ones last (the demo data, the benchmark). */
export const DEFAULT_STAGE_KEYS: readonly OpportunityStage[] = [...DEFAULT_PIPELINE_STAGES.map((s) => s.key), ...CLOSED_STAGES];

const title = z.string().trim().min(1, { error: 'must not be empty' }).max(200, { error: 'must be at most 200 characters' });
const notes = z.string().max(5000, { error: 'must be at most 5000 characters' });
const lostReason = z.string().trim().min(1, { error: 'must not be empty' }).max(500, { error: 'must be at most 500 characters' });
const probability = z.number({ error: 'must be a number' }).int({ error: 'must be a whole percent' }).min(0, { error: 'must be 0–100' }).max(100, { error: 'must be 0–100' });
const ids = (max: number) => z.array(IdSchema).max(max, { error: `must name at most ${max}` });

/** A lost opportunity says why; only a lost one has a reason. */
const lostNeedsReason = (v: { stage?: OpportunityStage; lostReason?: string | null }) => v.stage !== 'lost' || (typeof v.lostReason === 'string' && v.lostReason !== '');

export const CreateOpportunitySchema = z
  .strictObject({
    organizationId: IdSchema,
    title,
    contactIds: ids(20).default([]),
    /** Another account manager who owns it; the creator by default. */
    ownerId: IdSchema.optional(),
    /** One of the active open stages, or won or lost; the first active stage when not given. */
    stage: stageKey.optional(),
    lostReason: lostReason.optional(),
    estimatedValueCents: CentsSchema.default(0),
    /** Percent; the stage's default when not given. */
    probabilityPct: probability.optional(),
    expectedCloseOn: DaySchema.nullable().default(null),
    productIds: ids(50).default([]),
    notes: notes.default(''),
  })
  .refine(lostNeedsReason, { error: 'a lost opportunity needs the reason it was lost', path: ['lostReason'] });
export type CreateOpportunity = z.input<typeof CreateOpportunitySchema>;

export const UpdateOpportunitySchema = z
  .strictObject({
    /** The version the change was made on (the opportunity's `version` as read). */
    version: z.number().int().min(0),
    title,
    contactIds: ids(20),
    ownerId: IdSchema,
    stage: stageKey,
    lostReason: lostReason.nullable(),
    estimatedValueCents: CentsSchema,
    probabilityPct: probability,
    expectedCloseOn: DaySchema.nullable(),
    productIds: ids(50),
    notes,
  })
  .partial()
  .required({ version: true })
  .refine((v) => Object.keys(v).length > 1, { error: 'must change at least one field' })
  .refine(lostNeedsReason, { error: 'a lost opportunity needs the reason it was lost', path: ['lostReason'] });
export type UpdateOpportunity = z.input<typeof UpdateOpportunitySchema>;

export const StageChangeSchema = z.object({
  at: z.string(),
  by: PersonRefSchema,
  from: z.string().nullable(),
  to: z.string(),
});

export const OpportunitySchema = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  organizationName: z.string(),
  contactIds: z.array(IdSchema),
  owner: PersonRefSchema,
  title: z.string(),
  stage: z.string(),
  lostReason: z.string().nullable(),
  estimatedValueCents: z.number().int(),
  probabilityPct: z.number().int(),
  /** estimatedValueCents × probabilityPct / 100, rounded to whole cents. */
  weightedValueCents: z.number().int(),
  expectedCloseOn: z.string().nullable(),
  productIds: z.array(IdSchema),
  notes: z.string(),
  /** Every stage change, oldest first (the first one is the stage it was created in). */
  history: z.array(StageChangeSchema),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Opportunity = z.infer<typeof OpportunitySchema>;

export const OpportunityListQuerySchema = z.strictObject({
  ownerId: IdSchema.optional(),
  organizationId: IdSchema.optional(),
  stage: stageKey.optional(),
  /** `YYYY-MM`: expected to close in that month. */
  closeMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'must be a month, YYYY-MM' }).optional(),
}).refine((q) => q.ownerId !== undefined || q.organizationId !== undefined, {
  error: 'name the owner (ownerId) or the customer (organizationId)',
  path: ['ownerId'],
});

export const StageSummarySchema = z.object({
  stage: z.string(),
  count: z.number().int(),
  valueCents: z.number().int(),
  weightedValueCents: z.number().int(),
});

/** The pipeline: the opportunities asked for, and per stage their count, value and weighted value. */
export const PipelineSchema = z.object({ items: z.array(OpportunitySchema), stages: z.array(StageSummarySchema) });
export type Pipeline = z.infer<typeof PipelineSchema>;

// ---------- offers ----------

export const OFFER_STATES = ['draft', 'sent', 'accepted', 'rejected', 'expired'] as const;
export type OfferState = (typeof OFFER_STATES)[number];
export const OFFER_LANGUAGES = ['fi', 'sv', 'en'] as const;
export const MAX_OFFER_LINES = 100;

const OfferLineInputSchema = z
  .strictObject({
    /** A catalogue product (its name, price and VAT rate are the defaults), or none for a free-text line. */
    productId: IdSchema.nullable().default(null),
    description: z.string().trim().max(500, { error: 'must be at most 500 characters' }).default(''),
    /** Hundredths of the unit: 150 is 1.5 days. */
    quantityHundredths: z.number({ error: 'must be a number' }).int({ error: 'must be whole hundredths (150 is 1.5)' }).min(0, { error: 'must not be negative' }).max(100_000_000, { error: 'is too large' }),
    unitPriceCents: CentsSchema.optional(),
    discountBp: z.number({ error: 'must be a number' }).int({ error: 'must be whole basis points (1250 is 12.5 %)' }).min(0, { error: 'must be 0–10000 (0–100 %)' }).max(10_000, { error: 'must be 0–10000 (0–100 %)' }).default(0),
    vatRateBp: VatRateSchema.optional(),
  })
  .refine((l) => l.productId !== null || (l.description !== '' && l.unitPriceCents !== undefined && l.vatRateBp !== undefined), {
    error: 'a line without a product needs its description, unitPriceCents and vatRateBp',
    path: ['description'],
  });

const offerFields = {
  language: z.enum(OFFER_LANGUAGES),
  lines: z.array(OfferLineInputSchema).min(1, { error: 'must have at least one line' }).max(MAX_OFFER_LINES, { error: `must have at most ${MAX_OFFER_LINES} lines` }),
  validUntil: DaySchema,
  terms: z.string().max(5000, { error: 'must be at most 5000 characters' }),
  contactId: IdSchema.nullable(),
};

/** A new offer may start as a draft without lines (built on its page); it is sent only with at least one. */
export const CreateOfferSchema = z.strictObject({
  ...offerFields,
  language: offerFields.language.default('fi'),
  lines: z.array(OfferLineInputSchema).max(MAX_OFFER_LINES, { error: `must have at most ${MAX_OFFER_LINES} lines` }).default([]),
  terms: offerFields.terms.default(''),
  contactId: offerFields.contactId.default(null),
});
export type CreateOffer = z.input<typeof CreateOfferSchema>;

/** A draft's change; a sent offer is not changed (409). */
export const UpdateOfferSchema = z
  .strictObject({ version: z.number().int().min(0), ...offerFields })
  .partial()
  .required({ version: true })
  .refine((v) => Object.keys(v).length > 1, { error: 'must change at least one field' });
export type UpdateOffer = z.input<typeof UpdateOfferSchema>;

/** `POST /offers/:id/{send,accept,reject}`: the state change, made on the version read. */
export const OfferTransitionSchema = z.strictObject({ version: z.number().int().min(0) });
export const OFFER_TRANSITIONS = ['send', 'accept', 'reject'] as const;
export type OfferTransition = (typeof OFFER_TRANSITIONS)[number];

export const OfferLineSchema = z.object({
  productId: IdSchema.nullable(),
  description: z.string(),
  quantityHundredths: z.number().int(),
  unitPriceCents: z.number().int(),
  discountBp: z.number().int(),
  vatRateBp: z.number().int(),
  netCents: z.number().int(),
});

export const OfferSchema = z.object({
  id: IdSchema,
  /** `<year>-<sequence>`, such as `2026-0042`: unique, in order of creation within the year. */
  number: z.string(),
  opportunityId: IdSchema,
  organizationId: IdSchema,
  organizationName: z.string(),
  contactId: IdSchema.nullable(),
  owner: PersonRefSchema,
  language: z.enum(OFFER_LANGUAGES),
  lines: z.array(OfferLineSchema),
  totals: z.object({
    net: z.number().int(), vat: z.number().int(), gross: z.number().int(),
    byRate: z.array(z.object({ rateBp: z.number().int(), net: z.number().int(), vat: z.number().int(), gross: z.number().int() })),
  }),
  validUntil: z.string(),
  terms: z.string(),
  /** `expired`: sent, and its validity date has passed without an answer. */
  state: z.enum(OFFER_STATES),
  sentAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Offer = z.infer<typeof OfferSchema>;
export const OfferListSchema = z.object({ items: z.array(OfferSchema) });

// ---------- orders ----------

/** An order's way to invoicing; `invoiced` is set by the finance system's hand-off, never by hand. */
export const ORDER_STATES = ['confirmed', 'delivered', 'to_be_invoiced', 'invoiced'] as const;
export type OrderState = (typeof ORDER_STATES)[number];
/** The states a user may move an order to, each from the one before it. */
export const ORDER_STEPS: Readonly<Partial<Record<OrderState, OrderState>>> = { confirmed: 'delivered', delivered: 'to_be_invoiced' };

/** `POST /offers/:id/order`: the order of an accepted offer (its lines copied and locked). */
export const CreateOrderSchema = z
  .strictObject({ deliveryStart: DaySchema.nullable().default(null), deliveryEnd: DaySchema.nullable().default(null) })
  .refine((o) => !o.deliveryStart || !o.deliveryEnd || o.deliveryStart <= o.deliveryEnd, { error: 'must not be before deliveryStart', path: ['deliveryEnd'] });

export const UpdateOrderSchema = z
  .strictObject({
    version: z.number().int().min(0),
    state: z.enum(['delivered', 'to_be_invoiced']),
    deliveryStart: DaySchema.nullable(),
    deliveryEnd: DaySchema.nullable(),
  })
  .partial()
  .required({ version: true })
  .refine((v) => Object.keys(v).length > 1, { error: 'must change at least one field' });

export const OrderSchema = z.object({
  id: IdSchema,
  /** The offer's number. */
  number: z.string(),
  offerId: IdSchema,
  opportunityId: IdSchema,
  organizationId: IdSchema,
  organizationName: z.string(),
  lines: z.array(OfferLineSchema),
  totals: OfferSchema.shape.totals,
  deliveryStart: z.string().nullable(),
  deliveryEnd: z.string().nullable(),
  state: z.enum(ORDER_STATES),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Order = z.infer<typeof OrderSchema>;

/** `GET /orders?state=`: the orders in a state, newest first. */
export const OrderListQuerySchema = z.strictObject({ state: z.enum(ORDER_STATES) });
export const OrderListSchema = z.object({ items: z.array(OrderSchema) });
export type OrderList = z.infer<typeof OrderListSchema>;

/** `GET /organizations/:id/sales`: the offers of the customer's opportunities (by number) and the orders made of them. */
export const CustomerSalesSchema = z.object({ offers: z.array(OfferSchema), orders: z.array(OrderSchema) });
export type CustomerSales = z.infer<typeof CustomerSalesSchema>;

/** How many days ahead the desktop warns of a sent offer running out. */
export const EXPIRING_OFFER_DAYS = 14;

/** `GET /sales/attention`: the signed-in owner's sent offers valid for at most EXPIRING_OFFER_DAYS more days, and open opportunities past their expected close. */
export const SalesAttentionSchema = z.object({ expiringOffers: z.array(OfferSchema), overdueOpportunities: z.array(OpportunitySchema) });
export type SalesAttention = z.infer<typeof SalesAttentionSchema>;

/** `GET /reports/sales?months=`: the management dashboard's sales figures over the last months (6 by default). */
export const SalesReportQuerySchema = z.strictObject({
  months: z.coerce.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).min(1, { error: 'must be 1–24' }).max(24, { error: 'must be 1–24' }).default(6),
});
export const SalesReportSchema = z.object({
  /** `YYYY-MM`, oldest first. */
  months: z.array(z.string()),
  /** The open stages. */
  byStage: z.array(StageSummarySchema),
  /** The open opportunities by the month of their expected close: this month and the `months - 1` after it. */
  byCloseMonth: z.array(z.object({ month: z.string(), count: z.number().int(), valueCents: z.number().int(), weightedValueCents: z.number().int() })),
  closedByMonth: z.array(z.object({ month: z.string(), won: z.number().int(), lost: z.number().int() })),
  /** Reasons of the opportunities lost in the period, most common first. */
  lostReasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  /** Offers sent in the period, per account manager who sent any. */
  offersByManager: z.array(z.object({ manager: PersonRefSchema, count: z.number().int(), grossCents: z.number().int() })),
  /** Offers sent in the period, and how many of them became orders. */
  conversion: z.object({ sent: z.number().int(), ordered: z.number().int() }),
});
export type SalesReport = z.infer<typeof SalesReportSchema>;
