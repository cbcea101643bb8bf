// The products module: the versioned catalog, the rating engine and quotes; it provides the quote
// book to modules that sell.
import { PRODUCTS_AUDIT_ACTIONS, PRODUCTS_ERROR_CODES, PRODUCTS_PERMISSIONS } from '../../contracts/products';
import { defineModule } from '../../platform/module';
import { registerProductRoutes } from './products.routes';
import { ProductsService } from './products.service';
import { QuoteBook } from './quote-book';
import { numbersOf } from './quotes.repository';
import { QuotesService } from './quotes.service';
import { SellableCatalog } from './sellable-catalog';

export interface ProductsServices {
  /** Saved quotes with the version that priced them, and eligibility today, for modules that sell. */
  quotes: QuoteBook;
}

export const productsModule = defineModule({
  name: 'products',
  permissions: PRODUCTS_PERMISSIONS,
  auditActions: PRODUCTS_AUDIT_ACTIONS,
  errorCodes: PRODUCTS_ERROR_CODES,
  requires: ['audit', 'customerProfiles'],
  provides: {
    quotes: ({ clock, services }) => new QuoteBook(clock, services.customerProfiles),
  },
  setup: ({ db, clock, services, notifications }) => {
    services.audit.registerRecordNumbers('quote', numbersOf);
    return {
      products: new ProductsService(db, clock, services.audit),
      quotes: new QuotesService(db, clock, services.audit, new SellableCatalog(db, notifications), services.customerProfiles),
    };
  },
  customerExtensions: (_ctx, { quotes }) => ({
    // Quotes follow their customer when two customer records are merged.
    mergeHandlers: [{ name: 'quotes', move: (trx, { sourceId, targetId }) => quotes.moveCustomer(trx, sourceId, targetId) }],
  }),
  register: registerProductRoutes,
});
