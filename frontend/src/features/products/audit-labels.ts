import type { AuditLabels } from '@/features/audit';

export const productsAuditLabels: AuditLabels = {
  actions: {
    'product.create': 'Product created',
    'product.draft_version': 'New draft version started',
    'product.edit_draft': 'Draft version saved',
    'product.publish': 'Version published',
    'product.retire': 'Product retired',
  },
  entities: { product: 'Product' },
};
