import { AuditFilter } from '@contracts/identity';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { auditPagePath, auditSearchParams, readAuditSearch, toAuditFilter } from '../audit-filter';
import type { AuditSearch } from '../audit-filter';

const machineZone = process.env.TZ;
const inZone = (zone: string) => {
  process.env.TZ = zone;
};
afterEach(() => {
  if (machineZone === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone;
});

describe('readAuditSearch', () => {
  it('reads the filters from the URL, from/to as whole days', () => {
    expect(readAuditSearch(new URLSearchParams('entityType=customer&entityId=C-1&action=customer.update&from=2026-03-01&to=2026-03-31'))).toEqual({
      entityType: 'customer',
      entityId: 'C-1',
      action: 'customer.update',
      fromDate: '2026-03-01',
      toDate: '2026-03-31',
    });
  });

  it('keeps only the filters that are set, trimmed, so "is anything filtered?" is a key count', () => {
    const search = readAuditSearch(new URLSearchParams('entityType=%20user%20&entityId=&action=%20%20&unknown=1'));
    expect(search).toEqual({ entityType: 'user' });
    expect(Object.keys(readAuditSearch(new URLSearchParams('')))).toHaveLength(0);
  });
});

describe('auditSearchParams and auditPagePath', () => {
  it('writes from/to under the URL’s short names and nothing for an empty search', () => {
    expect(auditSearchParams({ fromDate: '2026-03-01', toDate: '2026-03-31' })).toBe('?from=2026-03-01&to=2026-03-31');
    expect(auditPagePath({})).toBe('/audit');
    expect(auditPagePath({ entityType: 'order', entityId: 'O-000042' })).toBe('/audit?entityType=order&entityId=O-000042');
  });

  it('reads back every search it writes', () => {
    const text = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s && s !== '');
    const searchArb = fc.record({ entityType: text, entityId: text, action: text, fromDate: text, toDate: text }, { requiredKeys: [] });
    fc.assert(
      fc.property(searchArb, (search: AuditSearch) => {
        expect(readAuditSearch(new URLSearchParams(auditSearchParams(search)))).toEqual(search);
      }),
    );
  });
});

describe('toAuditFilter', () => {
  it('turns whole local days into instants: from the start of the first day to the start of the day after the last', () => {
    inZone('America/New_York');
    expect(toAuditFilter({ fromDate: '2026-01-15', toDate: '2026-01-15' })).toEqual({ from: '2026-01-15T05:00:00.000Z', to: '2026-01-16T05:00:00.000Z' });
  });

  it('ends the last day at the next local midnight across a daylight saving change', () => {
    inZone('America/New_York');
    // Clocks go forward on 8 March 2026: that day has 23 hours.
    expect(toAuditFilter({ fromDate: '2026-03-08', toDate: '2026-03-08' })).toEqual({ from: '2026-03-08T05:00:00.000Z', to: '2026-03-09T04:00:00.000Z' });
  });

  it('ends the last day of a month and of a year on the first of the next', () => {
    inZone('Asia/Tokyo');
    expect(toAuditFilter({ toDate: '2026-12-31' }).to).toBe('2026-12-31T15:00:00.000Z');
    expect(toAuditFilter({ toDate: '2024-02-28' }).to).toBe('2024-02-28T15:00:00.000Z');
    inZone('UTC');
    expect(toAuditFilter({ toDate: '2026-12-31' }).to).toBe('2027-01-01T00:00:00.000Z');
    expect(toAuditFilter({ toDate: '2024-02-28' }).to).toBe('2024-02-29T00:00:00.000Z');
  });

  it('passes the other filters through and drops a date that cannot be read', () => {
    inZone('UTC');
    expect(toAuditFilter({ entityType: 'customer', action: 'customer.update', fromDate: 'yesterday', toDate: '' })).toEqual({ entityType: 'customer', action: 'customer.update' });
  });

  it('gives the API instants its AuditFilter accepts', () => {
    inZone('Australia/Adelaide');
    const filter = toAuditFilter({ entityId: 'C-000123', fromDate: '2026-10-04', toDate: '2026-10-04' });
    expect(AuditFilter.safeParse(filter).success).toBe(true);
    expect(Date.parse(filter.to!) - Date.parse(filter.from!)).toBe(23 * 3600 * 1000);
  });
});
