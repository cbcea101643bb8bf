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

describe('the late-fee rule in the draft form', () => {
  const withLateFee = (lateFee: Partial<ReturnType<typeof toDraftValues>['lateFee']>) => {
    const values = toDraftValues(termLife);
    return checkDraft({ ...values, lateFee: { ...values.lateFee, ...lateFee } }, 'USD');
  };

  it('turns amounts in major units into minor units and keeps the rate as typed', () => {
    expect(withLateFee({ kind: 'flat', amount: 12.5, afterDays: 7 })).toMatchObject({ ok: true, definition: { lateFee: { kind: 'flat', amount: 12_50, afterDays: 7 } } });
    expect(withLateFee({ kind: 'percentage', rate: ' 0.025 ', cap: 30, afterDays: 0 })).toMatchObject({
      ok: true,
      definition: { lateFee: { kind: 'percentage', rate: '0.025', cap: 30_00, afterDays: 0 } },
    });
  });

  it('says none, whatever was typed for another kind, and a definition without a rule becomes none', () => {
    expect(withLateFee({ kind: 'none', amount: 'abc', rate: 'x' })).toMatchObject({ ok: true, definition: { lateFee: { kind: 'none' } } });
    const { lateFee: _rule, ...withoutRule } = termLife;
    expect(toDraftValues(withoutRule).lateFee.kind).toBe('none');
  });

  it('reports each mistake on its field, in plain words', () => {
    expect(withLateFee({ kind: 'percentage', rate: '5', cap: '', afterDays: 10 })).toEqual({
      ok: false,
      errors: { 'lateFee.rate': 'Use a fraction between 0 and 1 such as 0.05 (= 5%)', 'lateFee.cap': 'Required' },
    });
    expect(withLateFee({ kind: 'flat', amount: 0, afterDays: 400 })).toEqual({
      ok: false,
      errors: { 'lateFee.amount': 'Must be more than 0', 'lateFee.afterDays': 'Must be at most 365' },
    });
  });
});

describe('the fast-track rule in the draft form (claims settings)', () => {
  const travelWithRule: ProductDefinition = {
    ...singleTripTravel,
    claims: { lossTypes: singleTripTravel.claims!.lossTypes, fastTrack: { lossTypes: ['baggage'], maxAmount: 500_00, samplePercent: 20 } },
  };

  it('round-trips a version with a rule, and is off unless switched on', () => {
    expect(checkDraft(toDraftValues(travelWithRule), 'USD')).toStrictEqual({ ok: true, definition: travelWithRule });
    expect(toDraftValues(singleTripTravel).fastTrack.enabled).toBe(false);
  });

  it('turns the maximum in major units into minor units, and drops the rule when switched off', () => {
    const values = toDraftValues(singleTripTravel);
    const on = checkDraft({ ...values, fastTrack: { enabled: true, lossTypes: ['baggage'], maxAmount: 250, samplePercent: 10 } }, 'USD');
    expect(on).toMatchObject({ ok: true, definition: { claims: { fastTrack: { lossTypes: ['baggage'], maxAmount: 250_00, samplePercent: 10 } } } });
    const off = checkDraft({ ...toDraftValues(travelWithRule), fastTrack: { enabled: false, lossTypes: ['baggage'], maxAmount: 250, samplePercent: 10 } }, 'USD');
    expect(off.ok && off.definition.claims?.fastTrack).toBeUndefined();
  });

  it('puts the rule’s problems on its fields', () => {
    const values = toDraftValues(singleTripTravel);
    const check = checkDraft({ ...values, fastTrack: { enabled: true, lossTypes: [], maxAmount: '', samplePercent: 10 } }, 'USD');
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.errors['fastTrack.lossTypes']).toBeDefined();
      expect(check.errors['fastTrack.maxAmount']).toBe('Required');
    }
  });
});
