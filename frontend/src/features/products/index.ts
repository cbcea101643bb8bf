import { IconUmbrella } from '@tabler/icons-react';
import type { NavigationEntry } from '@/lib/feature';
import { productsAuditLabels } from './audit-labels';
import { productSpotlightSource } from './product-spotlight-source';
import { productsRoutes } from './routes';

/** The product catalog: versions, the draft editor, publishing. */
export const productsFeature = {
  routes: productsRoutes,
  navigation: [{ label: 'Products', to: '/products', icon: IconUmbrella, permission: 'products:read' }] satisfies NavigationEntry[],
  auditLabels: productsAuditLabels,
  spotlightSources: [productSpotlightSource],
};
