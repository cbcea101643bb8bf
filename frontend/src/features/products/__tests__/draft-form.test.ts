import type { ProductDefinition } from '@contracts/products';
import { describe, expect, it } from 'vitest';
import { privateAuto } from '../../../../../seeds/reference/catalog/auto';
import { individualHealth } from '../../../../../seeds/reference/catalog/health';
import { homeowners } from '../../../../../seeds/reference/catalog/home';
import { termLife } from '../../../../../seeds/reference/catalog/term-life';
import { singleTripTravel } from '../../../../../seeds/reference/catalog/travel';
import { wholeLife } from '../../../../../seeds/reference/catalog/whole-life';
import { checkDraft, toDraftValues } from '../draft-form';

const referenceProducts: [string, ProductDefinition][] = [
  ['term life', termLife],
  ['whole life', wholeLife],
  ['individual health', individualHealth],
  ['private auto', privateAuto],
  ['homeowners', homeowners],
  ['single-trip travel', singleTripTravel],
];

describe('product draft form', () => {
  it.each(referenceProducts)('turns the %s definition into form values and back without changing it', (_name, definition) => {
    const check = checkDraft(toDraftValues(definition), definition.currency);
    expect(check).toStrictEqual({ ok: true, definition });
  });
});
