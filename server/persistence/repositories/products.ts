/**
 * The training-product catalogue (`products`, see models.ts). A college sells tens of products, so
 * the list is one read of the whole collection; a product is read by `_id`. Why each write is safe
 * with several instances: a product is inserted with a new `_id`, and a change is one `$set` of the
 * fields given (the code's uniqueness is claimed in `unique_keys` first, by the use case).
 */
import { Types } from 'mongoose';
import type { ProductKind, ProductUnit } from '../../../shared/contract-sales';
import type { Engine } from '../engine';
import type { Models, ProductDoc } from '../models';
import { str } from './records';

export interface ProductFields {
  code: string;
  name: { fi: string; sv: string | null; en: string | null };
  kind: ProductKind;
  unit: ProductUnit;
  unitPriceCents: number;
  vatRateBp: number;
  active: boolean;
}

export interface ProductRecord extends ProductFields {
  id: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A change: the fields to set; a name in the languages given. */
export type ProductPatch = Partial<Omit<ProductFields, 'name'>> & { name?: Partial<ProductFields['name']> };

export interface ProductRepository {
  /** A new product's id (the code's key is claimed for it before it is written). */
  newId(): string;
  insert(id: string, fields: ProductFields): Promise<ProductRecord>;
  get(id: string): Promise<ProductRecord | null>;
  getMany(ids: readonly string[]): Promise<ProductRecord[]>;
  /** Every product, by code. */
  all(): Promise<ProductRecord[]>;
  /** Null when no product has the id. */
  update(id: string, patch: ProductPatch): Promise<ProductRecord | null>;
}

function fromDoc(d: ProductDoc): ProductRecord {
  return {
    id: str(d._id),
    code: d.code,
    name: { fi: d.name?.fi ?? '', sv: d.name?.sv ?? null, en: d.name?.en ?? null },
    kind: d.kind as ProductKind,
    unit: d.unit as ProductUnit,
    unitPriceCents: d.unitPriceCents,
    vatRateBp: d.vatRateBp,
    active: d.active ?? true,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

export function productRepository(models: Models, engine: Engine): ProductRepository {
  const { Product } = models;
  const getMany = async (ids: readonly string[]) =>
    (await engine.findByIds<ProductDoc>(Product, ids.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id)))).map(fromDoc);
  return {
    newId: () => new Types.ObjectId().toHexString(),
    async insert(id, fields) {
      const doc = await Product.create({ _id: new Types.ObjectId(id), ...fields });
      return fromDoc(doc.toObject() as ProductDoc);
    },
    getMany,
    async get(id) {
      return (await getMany([id]))[0] ?? null;
    },
    async all() {
      return (await Product.find({}).lean<ProductDoc[]>()).map(fromDoc).sort((a, b) => a.code.localeCompare(b.code));
    },
    async update(id, patch) {
      const { name, ...rest } = patch;
      const set: Record<string, unknown> = { ...rest };
      for (const [lang, value] of Object.entries(name ?? {})) set[`name.${lang}`] = value;
      const res = await engine.updateById<ProductDoc>(Product, new Types.ObjectId(id), { $set: set }, { returnDocument: 'after' });
      return res.doc ? fromDoc(res.doc) : null;
    },
  };
}
