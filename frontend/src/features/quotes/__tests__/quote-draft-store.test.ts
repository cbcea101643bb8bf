import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EMPTY_DRAFT } from '../quote-draft';
import type { QuoteDraft } from '../quote-draft';
import { readQuoteDraft, writeQuoteDraft } from '../quote-draft-store';

/** sessionStorage as the browser has it: strings by key. */
function memoryStorage() {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  };
}

const draft: QuoteDraft = {
  productId: 'p1',
  versionId: 'v1',
  coverages: { DEATH: { name: 'Death benefit', included: true, sumInsured: 250_000, deductible: null } },
  termYears: '20',
  paymentFrequency: 'monthly',
  risk: { ...EMPTY_DRAFT.risk, vehicleAge: 3 },
  trip: EMPTY_DRAFT.trip,
};

describe('the quote draft kept for the browser tab', () => {
  let storage: ReturnType<typeof memoryStorage>;
  beforeEach(() => {
    storage = memoryStorage();
    vi.stubGlobal('sessionStorage', storage);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('reads back the draft written for the same customer', () => {
    writeQuoteDraft('c1', draft);
    expect(readQuoteDraft('c1')).toEqual(draft);
  });

  it('keeps one draft per customer', () => {
    writeQuoteDraft('c1', draft);
    writeQuoteDraft('c2', EMPTY_DRAFT);
    expect(readQuoteDraft('c1')).toEqual(draft);
    expect(readQuoteDraft('c2')).toEqual(EMPTY_DRAFT);
    expect(readQuoteDraft('c3')).toBeUndefined();
  });

  it('forgets the draft when written as undefined', () => {
    writeQuoteDraft('c1', draft);
    writeQuoteDraft('c1', undefined);
    expect(readQuoteDraft('c1')).toBeUndefined();
    expect(storage.data.size).toBe(0);
  });

  it('ignores a stored value that is not JSON or not a draft (an older console’s shape)', () => {
    storage.setItem('policydesk.quote-draft.c1', '{not json');
    expect(readQuoteDraft('c1')).toBeUndefined();
    storage.setItem('policydesk.quote-draft.c1', JSON.stringify({ ...draft, paymentFrequency: 'weekly' }));
    expect(readQuoteDraft('c1')).toBeUndefined();
  });

  it('simply forgets when storage is disabled by policy (reading and writing throw)', () => {
    vi.stubGlobal('sessionStorage', {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    });
    expect(() => writeQuoteDraft('c1', draft)).not.toThrow();
    expect(readQuoteDraft('c1')).toBeUndefined();
  });
});
