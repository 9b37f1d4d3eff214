import { Schema, type Connection, type Model, type Types } from 'mongoose';

export const PRODUCT_KINDS = ['open_source', 'domestic'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

/** Open-source or domestic software a local firm makes, listed in the programme's catalogue. */
export interface SoftwareProduct {
  _id: Types.ObjectId;
  name: string;
  vendorFirmId: Types.ObjectId;
  kind: ProductKind;
  /** An SPDX licence expression for open source ("MIT", "Apache-2.0 OR MIT"); free text otherwise. */
  licence: string;
  repositoryUrl?: string;
  websiteUrl?: string;
  /** Tags as written (lower case, accents kept for display). */
  categories: string[];
  /** The same tags folded, for filtering without accents. */
  categoryKeys: string[];
  description: { vi?: string; en?: string };
  createdBy: Types.ObjectId;
  searchText: string;
  createdAt: Date;
  updatedAt: Date;
}

const productSchema = new Schema<SoftwareProduct>(
  {
    name: { type: String, required: true, maxlength: 120 },
    vendorFirmId: { type: Schema.Types.ObjectId, required: true, index: true },
    kind: { type: String, enum: PRODUCT_KINDS, required: true },
    licence: { type: String, required: true, maxlength: 200 },
    repositoryUrl: { type: String, maxlength: 300 },
    websiteUrl: { type: String, maxlength: 300 },
    categories: { type: [String], default: [] },
    categoryKeys: { type: [String], default: [], index: true },
    description: { vi: { type: String, maxlength: 4000 }, en: { type: String, maxlength: 4000 } },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    searchText: { type: String, default: '' },
  },
  { timestamps: true, minimize: false },
);
productSchema.index({ createdAt: -1, _id: -1 });
productSchema.index({ searchText: 'text' }, { default_language: 'none', name: 'product_text' });

/** The software products collection on this connection. */
export function productModel(connection: Connection): Model<SoftwareProduct> {
  return (
    (connection.models.SoftwareProduct as Model<SoftwareProduct> | undefined) ??
    connection.model<SoftwareProduct>('SoftwareProduct', productSchema, 'catalog_products')
  );
}
