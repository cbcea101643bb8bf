import { CreateProductBody } from '@contracts/products';
import { z } from 'zod';

/** The new-product form: the API's fields without the definition, plus where the definition comes from. */
export const CreateProductFormSchema = CreateProductBody.omit({ definition: true }).extend({
  /** 'blank', or the id of the product to copy. */
  startFrom: z.string().min(1),
});
export type NewProductValues = z.input<typeof CreateProductFormSchema>;

/** Fields the server may name in `errors[]`, in screen order. */
export const NEW_PRODUCT_FIELDS = ['name', 'code', 'category', 'currency', 'description', 'startFrom'] as const;

/** "Level Term Life" → "LEVEL_TERM_LIFE": a code that passes the API's pattern, up to 30 characters. */
export function suggestedCode(name: string): string {
  const code = name
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_')
    .replace(/^[^A-Z]+/, '')
    .slice(0, 30)
    .replace(/_+$/, '');
  return code;
}
