import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { requiredFields, schemaFieldErrors } from '../form-schema';

const Body = z
  .strictObject({
    name: z.string().trim().min(1, 'Required'),
    nickname: z.string().optional(),
    amount: z.number().positive('Must be more than 0'),
    address: z.strictObject({ city: z.string().min(1, 'Required'), region: z.string().optional() }),
    note: z.object({ text: z.string() }).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.address.city === 'Atlantis') ctx.addIssue({ code: 'custom', path: ['address', 'city'], message: 'No such city' });
  });

describe('schemaFieldErrors', () => {
  it('reports every field at once, by dotted path, the first message of each', () => {
    expect(schemaFieldErrors(Body, { name: ' ', amount: -5, address: { city: 'Atlantis' } })).toEqual({
      name: 'Required',
      amount: 'Must be more than 0',
      'address.city': 'No such city',
    });
  });

  it('says "Required" of a value left out, as the API does', () => {
    expect(schemaFieldErrors(Body, { name: 'Ada', address: { city: 'Paris' } })).toEqual({ amount: 'Required' });
  });

  it('is empty for what the schema accepts', () => {
    expect(schemaFieldErrors(Body, { name: 'Ada', amount: 1, address: { city: 'Paris' } })).toEqual({});
  });
});

describe('requiredFields', () => {
  it('lists the fields the schema refuses to go without, walking nested objects, through refinements and pipes', () => {
    expect([...requiredFields(Body)].sort()).toEqual(['address.city', 'amount', 'name']);
    expect([...requiredFields(z.preprocess((v) => v, Body))].sort()).toEqual(['address.city', 'amount', 'name']);
  });
});
