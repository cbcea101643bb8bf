export const PRODUCTS_PATH = '/products';
export const NEW_PRODUCT_PATH = '/products/new';

export const productPath = (id: string) => `/products/${id}`;
/** The product's draft version in the editor. */
export const productDraftPath = (id: string) => `/products/${id}/draft`;
