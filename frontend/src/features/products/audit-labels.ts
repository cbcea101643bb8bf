import type { AuditLabels } from '@/features/audit';

export const productsAuditLabels: AuditLabels = {
  actions: {
    'product.create': 'Product created',
    'product.draft_version': 'New draft version started',
    'product.edit_draft': 'Draft version saved',
    'product.publish': 'Version published',
    'product.retire': 'Product retired',
    'product.fast_track': 'Fast-track claims switched',
  },
  entities: { product: 'Product', quote: 'Quote' },
  // A quote's address opens it under its customer's Quotes tab.
  links: { quote: { path: (id) => `/quotes/${id}`, permission: 'quotes:read' } },
};
