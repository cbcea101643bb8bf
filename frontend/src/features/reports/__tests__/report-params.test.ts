import { describe, expect, it } from 'vitest';
import { labelOf, paramFields, paramsFromValues } from '../report-params';

// The claims register's parameters as GET /api/reports describes them, plus a whole number.
const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['asOf'],
  properties: {
    asOf: { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    lossFrom: { type: 'string', format: 'date', description: 'Losses on or after this date' },
    status: { type: 'string', enum: ['draft', 'submitted'] },
    limit: { type: 'integer', minimum: 1, maximum: 10, default: 5 },
    note: { type: 'string' },
  },
};

describe('report parameters as a form', () => {
  it('reads dates, choices, whole numbers and text, required unless defaulted', () => {
    expect(paramFields(schema)).toEqual([
      { name: 'asOf', label: 'As of', required: true, kind: 'date' },
      { name: 'lossFrom', label: 'Loss from', description: 'Losses on or after this date', required: false, kind: 'date' },
      { name: 'status', label: 'Status', required: false, kind: 'choice', options: ['draft', 'submitted'] },
      { name: 'limit', label: 'Limit', required: false, kind: 'integer', min: 1, max: 10 },
      { name: 'note', label: 'Note', required: false, kind: 'text' },
    ]);
    expect(labelOf('lossTo')).toBe('Loss to');
  });

  it('sends the filled fields typed, and says what is wrong with the others', () => {
    const fields = paramFields(schema);
    expect(paramsFromValues(fields, { asOf: '2026-12-01', status: 'draft', limit: '3', note: ' ' })).toEqual({
      params: { asOf: '2026-12-01', status: 'draft', limit: 3 },
      errors: {},
    });
    expect(paramsFromValues(fields, { lossFrom: '01/12/2026', limit: '11' }).errors).toEqual({ asOf: 'Required', lossFrom: 'Use the format YYYY-MM-DD', limit: 'At most 10' });
  });
});
