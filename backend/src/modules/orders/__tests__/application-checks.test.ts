import { beneficiaryErrors, tokenisePaymentMethod } from '../application-checks';
import { businessDaysBetween, canTake } from '../order-status';

describe('business days', () => {
  it('counts Monday–Friday after the start day', () => {
    expect(businessDaysBetween('2026-11-20', '2026-11-20')).toBe(0); // Friday, same day
    expect(businessDaysBetween('2026-11-20', '2026-11-23')).toBe(1); // Friday → Monday
    expect(businessDaysBetween('2026-11-16', '2026-11-20')).toBe(4); // Monday → Friday
    expect(businessDaysBetween('2026-11-16', '2026-11-30')).toBe(10); // two weeks
  });
});

describe('status machine', () => {
  it('allows only the listed transitions', () => {
    expect(canTake('submit', 'draft')).toBe(true);
    expect(canTake('submit', 'info_requested')).toBe(true);
    expect(canTake('approve', 'submitted')).toBe(false);
    expect(canTake('withdraw', 'in_underwriting')).toBe(false);
    expect(canTake('decline', 'in_underwriting')).toBe(true);
  });
});

describe('beneficiaries', () => {
  it('each tier present sums to exactly 100, in hundredths', () => {
    expect(
      beneficiaryErrors([
        { name: 'A', relationship: 'child', share: 33.33, tier: 'primary' },
        { name: 'B', relationship: 'child', share: 33.33, tier: 'primary' },
        { name: 'C', relationship: 'child', share: 33.34, tier: 'primary' },
      ]),
    ).toEqual([]);
    expect(
      beneficiaryErrors([
        { name: 'A', relationship: 'child', share: 0.1, tier: 'primary' },
        { name: 'B', relationship: 'child', share: 99.9, tier: 'primary' },
      ]),
    ).toEqual([]);
    expect(beneficiaryErrors([{ name: 'A', relationship: 'estate', share: 100, tier: 'contingent' }])).toEqual([
      { path: 'beneficiaries', message: 'Name a primary beneficiary before contingent ones' },
    ]);
  });
});

describe('payment methods', () => {
  it('keeps a card only masked with a token, and refuses bad or expired cards', () => {
    const ok = tokenisePaymentMethod({ type: 'card', cardNumber: '5555 5555 5555 4444', expiryMonth: 1, expiryYear: 2027, holderName: 'X' }, '2026-11-21');
    expect(ok.method).toEqual({ type: 'card', token: expect.stringMatching(/^tok_[0-9a-f]{24}$/), brand: 'mastercard', last4: '4444', expiry: '01/2027', holderName: 'X' });
    expect(JSON.stringify(ok.method)).not.toContain('5555555555554444');
    expect(tokenisePaymentMethod({ type: 'card', cardNumber: '4111111111111111', expiryMonth: 10, expiryYear: 2026, holderName: 'X' }, '2026-11-21').errors).toEqual([
      { path: 'paymentMethod.expiryYear', message: 'The card has expired' },
    ]);
    expect(tokenisePaymentMethod({ type: 'bank_account', accountNumber: 'GB29 NWBK 6016 1331 9268 19', holderName: 'X' }, '2026-11-21').method).toMatchObject({
      type: 'bank_account',
      last4: '6819',
    });
  });
});
