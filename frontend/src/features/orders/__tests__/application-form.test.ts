import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applicationFieldOrder, applicationValues, checkApplication, emptyBeneficiary, formPathOf, hasChanges, placeApplicationErrors, tierTotals } from '../application-form';
import type { ApplicationFormValues, BeneficiaryRow } from '../application-form';
import { makeOrder, QUESTIONS } from './order-fixture';

const row = (share: number | string, tier: BeneficiaryRow['tier'] = 'primary', name = 'Grace Hopper'): BeneficiaryRow => ({
  ...emptyBeneficiary(tier, share),
  name,
  relationship: 'child',
});

/** The form as the agent finds it for `order`, with `change` applied. */
function edited(order = makeOrder(), change: (v: ApplicationFormValues) => void = () => {}) {
  const values = applicationValues(order, QUESTIONS);
  change(values);
  return { values, check: checkApplication(order, values, QUESTIONS, TODAY) };
}

const VISA = '4111 1111 1111 1111';
/** The business date the dates of birth are checked against. */
const TODAY = '2026-11-21';

describe('applicationValues', () => {
  it('starts an empty draft with the policyholder insured, nothing answered and a card to enter', () => {
    const values = applicationValues(makeOrder(), QUESTIONS);
    expect(values.insuredIsPolicyholder).toBe(true);
    expect(values.insured).toEqual({ firstName: '', lastName: '', dateOfBirth: '', gender: null, relationship: null });
    expect(values.beneficiaries).toEqual([]);
    expect(Object.values(values.declarations)).toEqual(QUESTIONS.map(() => ({ answer: '', details: '' })));
    expect(values.payment).toMatchObject({ replace: true, type: 'card', cardNumber: '', holderName: '' });
    expect(values.requestedStartDate).toBe('');
  });

  it('shows saved answers the way each input holds them (yes/no, a number, text)', () => {
    const order = makeOrder({
      declarations: { SMOKED: { answer: true, details: 'Stopped in May' }, HOSPITAL: { answer: false }, DRINKS: { answer: 0 }, DOCTOR: { answer: 'Dr Who' } },
    });
    expect(applicationValues(order, QUESTIONS).declarations).toEqual({
      SMOKED: { answer: 'yes', details: 'Stopped in May' },
      HOSPITAL: { answer: 'no', details: '' },
      DRINKS: { answer: 0, details: '' },
      DOCTOR: { answer: 'Dr Who', details: '' },
    });
  });

  it('keeps a saved payment method (only its masked form comes back) until the agent replaces it', () => {
    const order = makeOrder({ paymentMethod: { type: 'bank_account', token: 't', last4: '6789', holderName: 'Ada Lovelace' } });
    expect(applicationValues(order, QUESTIONS).payment).toMatchObject({ replace: false, type: 'bank_account', holderName: 'Ada Lovelace', accountNumber: '' });
  });

  it('gives every beneficiary row its own key', () => {
    const order = makeOrder({
      beneficiaries: [
        { name: 'A', relationship: 'child', share: 50, tier: 'primary' },
        { name: 'B', relationship: 'child', share: 50, tier: 'primary' },
      ],
    });
    const keys = applicationValues(order, QUESTIONS).beneficiaries.map((b) => b.key);
    expect(new Set(keys).size).toBe(2);
  });
});

describe('checkApplication: nothing changed', () => {
  it('sends nothing for a form as loaded, even when the saved JSON comes back with its keys in another order', () => {
    const order = makeOrder({
      insured: { relationship: 'spouse', gender: 'male', dateOfBirth: '1980-03-12', lastName: 'Babbage', firstName: 'Charles' },
      beneficiaries: [
        { tier: 'primary', share: 33.33, relationship: 'child', name: 'A' },
        { name: 'B', relationship: 'child', share: 33.33, tier: 'primary', dateOfBirth: '2010-01-01' },
        { name: 'C', relationship: 'child', share: 33.34, tier: 'primary' },
      ],
      declarations: { SMOKED: { details: 'Stopped in May', answer: true }, HOSPITAL: { answer: false }, DRINKS: { answer: 3 }, DOCTOR: { answer: 'Dr Who' } },
      paymentMethod: { type: 'card', token: 't', last4: '1111', brand: 'visa', expiry: '01/2030', holderName: 'Ada Lovelace' },
      requestedStartDate: '2026-04-01',
    });
    const { values, check } = edited(order);
    expect(check).toEqual({ errors: {}, body: {} });
    expect(hasChanges(check, values)).toBe(false);
  });
});

describe('checkApplication: insured person', () => {
  it('sends insured: null when the policyholder becomes the insured person again', () => {
    const order = makeOrder({ insured: { firstName: 'Charles', lastName: 'Babbage', dateOfBirth: '1980-03-12', gender: 'male', relationship: 'spouse' } });
    expect(edited(order, (v) => (v.insuredIsPolicyholder = true)).check.body).toEqual({ insured: null });
  });

  it('sends the insured person typed for someone else', () => {
    const { check } = edited(makeOrder(), (v) => {
      v.insuredIsPolicyholder = false;
      v.insured = { firstName: ' Charles ', lastName: 'Babbage', dateOfBirth: '1980-03-12', gender: 'male', relationship: 'spouse' };
    });
    expect(check.body).toEqual({ insured: { firstName: 'Charles', lastName: 'Babbage', dateOfBirth: '1980-03-12', gender: 'male', relationship: 'spouse' } });
  });

  it('asks for what is missing or mistyped on the insured person’s own fields', () => {
    const { check } = edited(makeOrder(), (v) => {
      v.insuredIsPolicyholder = false;
      v.insured = { firstName: '', lastName: 'Babbage', dateOfBirth: '12/03/1980', gender: null, relationship: null };
    });
    expect(check.body).toBeNull();
    expect(check.errors).toEqual({
      'insured.firstName': 'Required',
      'insured.dateOfBirth': 'Use the format YYYY-MM-DD',
      'insured.gender': 'Choose one',
      'insured.relationship': 'Choose one',
    });
  });
});

describe('checkApplication: the insured person’s date of birth', () => {
  const insured = (dateOfBirth: string) =>
    edited(makeOrder(), (v) => {
      v.insuredIsPolicyholder = false;
      v.insured = { firstName: 'Charles', lastName: 'Babbage', dateOfBirth, gender: 'male', relationship: 'spouse' };
    }).check;

  it('says "Required" of an empty date, the format of a mistyped one, and refuses one in the future (as the API does on the business date)', () => {
    expect(insured('').errors).toEqual({ 'insured.dateOfBirth': 'Required' });
    expect(insured('2026-02-30').errors).toEqual({ 'insured.dateOfBirth': 'Use the format YYYY-MM-DD' });
    expect(insured('2026-11-22').errors).toEqual({ 'insured.dateOfBirth': 'A date of birth cannot be in the future' });
    expect(insured('2026-11-22').body).toBeNull();
    expect(insured(TODAY).errors).toEqual({});
  });

  it('says every problem of the insured person at once, the future date of birth included', () => {
    const { check } = edited(makeOrder(), (v) => {
      v.insuredIsPolicyholder = false;
      v.insured = { firstName: '', lastName: '', dateOfBirth: '2030-01-01', gender: null, relationship: 'spouse' };
    });
    expect(check.errors).toEqual({
      'insured.firstName': 'Required',
      'insured.lastName': 'Required',
      'insured.dateOfBirth': 'A date of birth cannot be in the future',
      'insured.gender': 'Choose one',
    });
  });
});

describe('checkApplication: beneficiaries', () => {
  const withRows = (...rows: BeneficiaryRow[]) => edited(makeOrder(), (v) => (v.beneficiaries = rows)).check;

  it('sends shares that add up to exactly 100 per tier, without float drift (33.33 + 33.33 + 33.34)', () => {
    const check = withRows(row(33.33), row('33.33'), row(33.34), row(100, 'contingent'));
    expect(check.errors).toEqual({});
    expect(check.body?.beneficiaries?.map((b) => b.share)).toEqual([33.33, 33.33, 33.34, 100]);
  });

  it('says what a tier adds up to when it is not 100 %', () => {
    expect(withRows(row(50), row(40)).errors).toEqual({ beneficiaries: 'The primary shares add up to 90 %, not 100 %' });
    expect(withRows(row(100), row(60, 'contingent'), row(60, 'contingent')).errors).toEqual({ beneficiaries: 'The contingent shares add up to 120 %, not 100 %' });
  });

  it('wants a primary beneficiary before contingent ones', () => {
    expect(withRows(row(100, 'contingent')).errors).toEqual({ beneficiaries: 'Name a primary beneficiary before contingent ones' });
  });

  it('refuses a beneficiary born in the future, or on a day that does not exist, instead of leaving the row out', () => {
    expect(withRows({ ...row(100), dateOfBirth: '2027-01-01' }).errors).toEqual({ 'beneficiaries.0.dateOfBirth': 'A date of birth cannot be in the future' });
    const check = withRows({ ...row(100), dateOfBirth: '2020-13-45' });
    expect(check.body).toBeNull();
    expect(check.errors).toEqual({ 'beneficiaries.0.dateOfBirth': 'Use the format YYYY-MM-DD' });
  });

  it('checks each row: a name, a relationship, a date as YYYY-MM-DD, a share above 0, at most 100, with two decimals', () => {
    const check = withRows({ ...row(''), name: ' ', relationship: null, dateOfBirth: '1.1.2010' }, row(0), row(-5), row(100.5), row(33.333));
    expect(check.body).toBeNull();
    expect(check.errors).toMatchObject({
      'beneficiaries.0.name': 'Required',
      'beneficiaries.0.relationship': 'Choose one',
      'beneficiaries.0.dateOfBirth': 'Use the format YYYY-MM-DD',
      'beneficiaries.0.share': 'More than 0',
      'beneficiaries.1.share': 'More than 0',
      'beneficiaries.2.share': 'More than 0',
      'beneficiaries.3.share': 'At most 100',
      'beneficiaries.4.share': 'At most two decimals',
    });
  });

  it('sends an empty list when every beneficiary is removed', () => {
    const order = makeOrder({ beneficiaries: [{ name: 'A', relationship: 'child', share: 100, tier: 'primary' }] });
    expect(edited(order, (v) => (v.beneficiaries = [])).check.body).toEqual({ beneficiaries: [] });
  });

  it('accepts any split of 100 % into shares of two decimals, as the API does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 9_999 }), { minLength: 1, maxLength: 8 }), (cuts) => {
        // Cut 100.00 % at sorted points into shares of whole hundredths.
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const hundredths = [...points, 10_000].map((p, i) => p - (i === 0 ? 0 : points[i - 1]!));
        const check = withRows(...hundredths.map((h) => row(h / 100)));
        expect(check.errors).toEqual({});
        expect(check.body?.beneficiaries).toHaveLength(hundredths.length);
      }),
    );
  });
});

describe('tierTotals', () => {
  it('counts each tier in hundredths of a percent, typed text included, ignoring what is not a number', () => {
    expect(tierTotals([row(33.33), row('33.33'), row(33.34), row('abc'), row(25.5, 'contingent')])).toEqual({ primary: 100_00, contingent: 25_50 });
    expect(tierTotals([])).toEqual({ primary: 0, contingent: 0 });
  });

  it('adds shares of two decimals exactly, whatever binary floats make of them', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10_000 }), { maxLength: 20 }), (hundredths) => {
        expect(tierTotals(hundredths.map((h) => row(h / 100))).primary).toBe(hundredths.reduce((a, b) => a + b, 0));
      }),
    );
  });
});

describe('checkApplication: declarations', () => {
  it('sends only answered questions whose answer changed', () => {
    const order = makeOrder({ declarations: { HOSPITAL: { answer: false } } });
    const { check } = edited(order, (v) => {
      v.declarations.SMOKED = { answer: 'no', details: '' };
      v.declarations.HOSPITAL = { answer: 'no', details: '' };
      v.declarations.DRINKS = { answer: 0, details: '' };
    });
    expect(check.body).toEqual({ declarations: { SMOKED: { answer: false }, DRINKS: { answer: 0 } } });
  });

  it('keeps the explanation of a "yes" only where the question asks for one', () => {
    const { check } = edited(makeOrder(), (v) => {
      v.declarations.SMOKED = { answer: 'yes', details: '  Ten a day  ' };
      v.declarations.HOSPITAL = { answer: 'yes', details: 'Broken arm' };
    });
    expect(check.body?.declarations).toEqual({ SMOKED: { answer: true, details: 'Ten a day' }, HOSPITAL: { answer: true } });
  });

  it('sends trimmed text and leaves out blank text', () => {
    expect(edited(makeOrder(), (v) => (v.declarations.DOCTOR = { answer: '  Dr Who ', details: '' })).check.body).toEqual({ declarations: { DOCTOR: { answer: 'Dr Who' } } });
    expect(edited(makeOrder(), (v) => (v.declarations.DOCTOR = { answer: '   ', details: '' })).check.body).toEqual({});
  });

  it('refuses a negative number as an answer', () => {
    const { check } = edited(makeOrder(), (v) => (v.declarations.DRINKS = { answer: -1, details: '' }));
    expect(check.errors).toEqual({ 'declarations.DRINKS.answer': 'Answer with a number (0 or more)' });
  });
});

describe('checkApplication: payment method', () => {
  const card = (change: Partial<ApplicationFormValues['payment']>) =>
    edited(makeOrder(), (v) => Object.assign(v.payment, { holderName: 'Ada Lovelace', cardNumber: VISA, expiryMonth: '1', expiryYear: '2030' }, change)).check;

  it('sends a new card with a valid check digit, the number as typed', () => {
    expect(card({}).body).toEqual({ paymentMethod: { type: 'card', cardNumber: VISA, expiryMonth: 1, expiryYear: 2030, holderName: 'Ada Lovelace' } });
  });

  it('refuses a card number whose check digit is wrong, or of the wrong length', () => {
    expect(card({ cardNumber: '4111 1111 1111 1112' }).errors).toEqual({ 'payment.cardNumber': 'This is not a valid card number: check the digits' });
    expect(card({ cardNumber: '4111 1111 111' }).errors).toEqual({ 'payment.cardNumber': 'Enter the card number (12 to 19 digits)' });
    expect(card({ cardNumber: '4111-1111-1111-1111' }).errors).toEqual({ 'payment.cardNumber': 'Enter the card number (12 to 19 digits)' });
    expect(card({ cardNumber: '4'.repeat(20) }).errors).toEqual({ 'payment.cardNumber': 'Enter the card number (12 to 19 digits)' });
  });

  it('wants the expiry and the holder of a new card', () => {
    expect(card({ expiryMonth: null, expiryYear: null, holderName: ' ' }).errors).toEqual({
      'payment.expiryMonth': 'Month',
      'payment.expiryYear': 'Year',
      'payment.holderName': 'Required',
    });
  });

  it('sends a bank account upper-cased, with the routing number only when given', () => {
    const bank = (accountNumber: string, routingNumber: string) =>
      edited(makeOrder(), (v) => Object.assign(v.payment, { type: 'bank_account', holderName: 'Ada', accountNumber, routingNumber })).check;
    expect(bank(' de89 3704 0044 0532 0130 00 ', '').body).toEqual({ paymentMethod: { type: 'bank_account', accountNumber: 'DE89 3704 0044 0532 0130 00', holderName: 'Ada' } });
    expect(bank('000123456789', '021000021').body?.paymentMethod).toMatchObject({ routingNumber: '021000021' });
    expect(bank('000123456789', '12345').errors).toEqual({ 'payment.routingNumber': 'Use the 9-digit routing number' });
    expect(bank('12-34', '').errors).toEqual({ 'payment.accountNumber': 'Enter the account number or IBAN (6 to 34 letters and digits)' });
  });

  it('sends no payment method while the saved one is kept, whatever the hidden inputs hold', () => {
    const order = makeOrder({ paymentMethod: { type: 'card', token: 't', last4: '1111', holderName: 'Ada' } });
    const { values, check } = edited(order, (v) => Object.assign(v.payment, { cardNumber: '1234' }));
    expect(check).toEqual({ errors: {}, body: {} });
    expect(hasChanges(check, values)).toBe(false);
  });

  it('counts a half-typed card as a change, so leaving the form warns about it', () => {
    const { values, check } = edited(makeOrder(), (v) => Object.assign(v.payment, { cardNumber: '4111' }));
    expect(check.body).toBeNull();
    expect(hasChanges(check, values)).toBe(true);
  });
});

describe('checkApplication: requested start date', () => {
  it('sends a new date, null when cleared, nothing when unchanged', () => {
    expect(edited(makeOrder(), (v) => (v.requestedStartDate = ' 2026-04-01 ')).check.body).toEqual({ requestedStartDate: '2026-04-01' });
    const dated = makeOrder({ requestedStartDate: '2026-04-01' });
    expect(edited(dated, (v) => (v.requestedStartDate = '')).check.body).toEqual({ requestedStartDate: null });
    expect(edited(dated).check.body).toEqual({});
  });

  it('wants YYYY-MM-DD, and the API refuses a day that does not exist', () => {
    expect(edited(makeOrder(), (v) => (v.requestedStartDate = '1/4/2026')).check.errors).toEqual({ requestedStartDate: 'Use the format YYYY-MM-DD' });
    const impossible = edited(makeOrder(), (v) => (v.requestedStartDate = '2026-02-30')).check;
    expect(impossible.body).toBeNull();
    expect(Object.keys(impossible.errors)).toEqual(['requestedStartDate']);
  });
});

describe('server errors on the form', () => {
  it('maps the API’s paths to the form’s', () => {
    expect(formPathOf('paymentMethod.cardNumber')).toBe('payment.cardNumber');
    expect(formPathOf('paymentMethod')).toBe('payment');
    expect(formPathOf('declarations.SMOKED')).toBe('declarations.SMOKED.answer');
    expect(formPathOf('declarations.SMOKED.details')).toBe('declarations.SMOKED.details');
    expect(formPathOf('beneficiaries.2')).toBe('beneficiaries');
    expect(formPathOf('beneficiaries.2.share')).toBe('beneficiaries.2.share');
    expect(formPathOf('beneficiaries')).toBe('beneficiaries');
    expect(formPathOf('insured.dateOfBirth')).toBe('insured.dateOfBirth');
    expect(formPathOf('requestedStartDate')).toBe('requestedStartDate');
  });

  it('leaves paths the form does not show unplaced', () => {
    for (const path of ['quoteId', 'declarations.lowercase', 'beneficiaries.x', 'insured.a.b', '']) expect(formPathOf(path)).toBeNull();
    const placed = placeApplicationErrors([
      { path: 'paymentMethod.cardNumber', message: 'first' },
      { path: 'paymentMethod.cardNumber', message: 'second' },
      { path: 'quoteId', message: 'gone' },
    ]);
    expect(placed).toEqual({ byField: { 'payment.cardNumber': 'first' }, unplaced: [{ path: 'quoteId', message: 'gone' }] });
  });

  it('lists the form’s fields in screen order, one set per beneficiary and question', () => {
    const values = applicationValues(makeOrder(), QUESTIONS);
    values.beneficiaries = [row(100)];
    const order = applicationFieldOrder(values, QUESTIONS.slice(0, 1));
    expect(order).toEqual([
      'insured.firstName',
      'insured.lastName',
      'insured.dateOfBirth',
      'insured.gender',
      'insured.relationship',
      'beneficiaries.0.name',
      'beneficiaries.0.relationship',
      'beneficiaries.0.dateOfBirth',
      'beneficiaries.0.share',
      'declarations.SMOKED.answer',
      'declarations.SMOKED.details',
      'payment.cardNumber',
      'payment.expiryMonth',
      'payment.expiryYear',
      'payment.accountNumber',
      'payment.routingNumber',
      'payment.holderName',
      'requestedStartDate',
    ]);
  });

  it('places every error checkApplication can produce on a field of the screen order', () => {
    const { values, check } = edited(makeOrder(), (v) => {
      v.insuredIsPolicyholder = false;
      v.beneficiaries = [{ ...row(''), name: '', relationship: null, dateOfBirth: 'x' }];
      v.declarations.DRINKS = { answer: -1, details: '' };
      Object.assign(v.payment, { cardNumber: '1', expiryMonth: null });
      v.requestedStartDate = 'soon';
    });
    const fields = new Set([...applicationFieldOrder(values, QUESTIONS), 'beneficiaries']);
    expect(Object.keys(check.errors).filter((path) => !fields.has(path))).toEqual([]);
  });
});
