import { z } from 'zod';
import { PageQuery, pageOf } from '../../contracts/common';
import {
  CompareQuotesBody,
  CreateProductBody,
  CreateQuoteBody,
  Product,
  ProductList,
  ProductListQuery,
  ProductVersion,
  ProductVersionList,
  PublishVersionBody,
  SetFastTrackBody,
  Quote,
  QuoteComparison,
  UpdateDraftBody,
} from '../../contracts/products';
import { sendVersioned } from '../../platform/http';
import type { ModuleContext } from '../../platform/module';
import type { ProductsService } from './products.service';
import type { QuotesService } from './quotes.service';

const QuotePage = pageOf(Quote).meta({ id: 'QuotePage' });

const Id = z.strictObject({ id: z.uuid('Not a valid id') });

export function registerProductRoutes({ api }: ModuleContext<never>, { products, quotes }: { products: ProductsService; quotes: QuotesService }) {
  api.route({
    method: 'post',
    path: '/quotes',
    summary: 'Price a product for a customer or an applicant: eligibility reasons, premium, installments and the worksheet; `save: true` keeps it (Q- number, valid 30 days)',
    tags: ['Quotes'],
    access: { permission: 'quotes:create' },
    request: { body: CreateQuoteBody },
    responses: {
      200: { description: 'Priced, not saved', schema: Quote },
      201: { description: 'Saved', schema: Quote },
      404: { description: 'The product, or the customer (also outside your branch scope), does not exist' },
      409: { description: 'QUOTE_NOT_ELIGIBLE or PRODUCT_NOT_IN_FORCE' },
    },
    handler: async ({ actor, body }, _req, res) => {
      const quote = await quotes.quote(actor, body);
      if (quote.id) res.status(201).location(`/api/quotes/${quote.id}`);
      res.json(quote);
    },
  });

  api.route({
    method: 'post',
    path: '/quotes/compare',
    summary: 'The same person against 2–4 products or option sets, side by side (eligibility, premium per frequency, differences)',
    tags: ['Quotes'],
    access: { permission: 'quotes:create' },
    request: { body: CompareQuotesBody },
    responses: {
      200: { description: 'Comparison', schema: QuoteComparison },
      404: { description: 'A product, or the customer (also outside your branch scope), does not exist' },
    },
    handler: async ({ actor, body }, _req, res) => res.json(await quotes.compare(actor, body)),
  });

  api.route({
    method: 'get',
    path: '/quotes/:id',
    summary: 'A saved quote, as priced (reports whether it has expired)',
    tags: ['Quotes'],
    access: { permission: 'quotes:read' },
    request: { params: Id },
    responses: { 200: { description: 'The quote', schema: Quote } },
    handler: async ({ actor, params }, _req, res) => res.json(await quotes.get(actor, params.id)),
  });

  api.route({
    method: 'get',
    path: '/customers/:id/quotes',
    summary: "A customer's saved quotes, newest first",
    tags: ['Quotes'],
    access: { permission: 'quotes:read' },
    request: { params: Id, query: PageQuery },
    responses: { 200: { description: 'A page of quotes', schema: QuotePage } },
    handler: async ({ actor, params, query }, _req, res) => res.json(await quotes.forCustomer(actor, params.id, query)),
  });

  api.route({
    method: 'get',
    path: '/products',
    summary: 'The catalog (agents see active products; catalog managers everything)',
    tags: ['Products'],
    access: { permission: 'products:read' },
    request: { query: ProductListQuery },
    responses: { 200: { description: 'Products by name', schema: ProductList } },
    handler: async ({ actor, query }, _req, res) => res.json({ items: await products.list(actor, query) }),
  });

  api.route({
    method: 'get',
    path: '/products/:id/versions',
    summary: "A product's versions, newest first: in force, scheduled for a later date, superseded (and the draft, for catalog managers)",
    tags: ['Products'],
    access: { permission: 'products:read' },
    request: { params: Id },
    responses: { 200: { description: 'Versions', schema: ProductVersionList } },
    handler: async ({ actor, params }, _req, res) => res.json(await products.versions(actor, params.id)),
  });

  api.route({
    method: 'get',
    path: '/products/:id',
    summary: 'A product with the version in force today (and its draft, for catalog managers)',
    tags: ['Products'],
    access: { permission: 'products:read' },
    request: { params: Id },
    responses: { 200: { description: 'The product (ETag = version)', schema: Product } },
    handler: async ({ actor, params }, _req, res) => sendVersioned(res, await products.get(actor, params.id)),
  });

  api.route({
    method: 'post',
    path: '/products',
    summary: 'Create a product with its first (draft) version',
    tags: ['Products'],
    access: { permission: 'products:manage' },
    request: { body: CreateProductBody },
    responses: { 201: { description: 'Created', schema: Product }, 409: { description: 'PRODUCT_EXISTS' } },
    handler: async ({ actor, body }, _req, res) => {
      const product = await products.create(actor, body);
      sendVersioned(res.location(`/api/products/${product.id}`), product, 201);
    },
  });

  api.route({
    method: 'post',
    path: '/products/:id/versions',
    summary: 'Start a new draft version, copied from the version in force',
    tags: ['Products'],
    access: { permission: 'products:manage' },
    request: { params: Id },
    responses: { 201: { description: 'The draft', schema: ProductVersion }, 409: { description: 'DRAFT_EXISTS or PRODUCT_RETIRED' } },
    handler: async ({ actor, params }, _req, res) => {
      const draft = await products.createDraft(actor, params.id);
      sendVersioned(res.location(`/api/product-versions/${draft.id}`), draft, 201);
    },
  });

  api.route({
    method: 'post',
    path: '/products/:id/retire',
    summary: 'Stop selling a product (If-Match = product version)',
    tags: ['Products'],
    access: { permission: 'products:manage' },
    ifMatch: true,
    request: { params: Id },
    responses: { 200: { description: 'Retired', schema: Product } },
    handler: async ({ actor, params, ifMatch }, _req, res) => sendVersioned(res, await products.retire(actor, params.id, ifMatch)),
  });

  api.route({
    method: 'put',
    path: '/products/:id/fast-track',
    summary: "Switch the product's fast-track claims off (suspended) or back on, with the reason (If-Match = product version)",
    tags: ['Products'],
    access: { permission: 'products:fast-track' },
    ifMatch: true,
    request: { params: Id, body: SetFastTrackBody },
    responses: { 200: { description: 'Saved', schema: Product } },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await products.setFastTrack(actor, params.id, ifMatch, body)),
  });

  api.route({
    method: 'get',
    path: '/product-versions/:id',
    summary: 'One product version (drafts for catalog managers only)',
    tags: ['Products'],
    access: { permission: 'products:read' },
    request: { params: Id },
    responses: { 200: { description: 'The version', schema: ProductVersion } },
    handler: async ({ actor, params }, _req, res) => sendVersioned(res, await products.getVersion(actor, params.id)),
  });

  api.route({
    method: 'patch',
    path: '/product-versions/:id',
    summary: 'Edit a draft version (published versions never change: 409)',
    tags: ['Products'],
    access: { permission: 'products:manage' },
    ifMatch: true,
    request: { params: Id, body: UpdateDraftBody },
    responses: { 200: { description: 'Saved', schema: ProductVersion }, 409: { description: 'VERSION_PUBLISHED' } },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await products.updateDraft(actor, params.id, ifMatch, body.definition)),
  });

  api.route({
    method: 'post',
    path: '/product-versions/:id/publish',
    summary: 'Validate and publish a draft with its effective date (400 VERSION_INVALID lists every problem)',
    tags: ['Products'],
    access: { permission: 'products:manage' },
    ifMatch: true,
    request: { params: Id, body: PublishVersionBody },
    responses: { 200: { description: 'Published', schema: ProductVersion } },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await products.publish(actor, params.id, ifMatch, body.effectiveFrom)),
  });
}
