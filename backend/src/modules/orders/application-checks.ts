// What an application must hold: beneficiary shares per tier, declaration answers that match the
// product version's questions, and a payment method stored only masked and tokenised.
import crypto from 'node:crypto';
import type { FieldError } from '../../contracts/common';
import type { Beneficiary, DeclarationAnswer, PaymentMethod, PaymentMethodInput } from '../../contracts/orders';
import type { DeclarationQuestion } from '../../contracts/products';

/** Each tier present sums to exactly 100 (shares in hundredths, so no float drift). */
export function beneficiaryErrors(beneficiaries: Beneficiary[]): FieldError[] {
  const errors: FieldError[] = [];
  for (const tier of ['primary', 'contingent'] as const) {
    const shares = beneficiaries.filter((b) => b.tier === tier);
    if (!shares.length) continue;
    const total = shares.reduce((sum, b) => sum + Math.round(b.share * 100), 0);
    if (total !== 100_00) errors.push({ path: 'beneficiaries', message: `The ${tier} shares add up to ${total / 100}%, not 100%` });
  }
  if (beneficiaries.some((b) => b.tier === 'contingent') && !beneficiaries.some((b) => b.tier === 'primary')) {
    errors.push({ path: 'beneficiaries', message: 'Name a primary beneficiary before contingent ones' });
  }
  return errors;
}

/** Answers must belong to the version's questions and have the question's type. */
export function declarationErrors(questions: DeclarationQuestion[], answers: Record<string, DeclarationAnswer>): FieldError[] {
  const errors: FieldError[] = [];
  for (const [code, a] of Object.entries(answers)) {
    const q = questions.find((x) => x.code === code);
    const path = `declarations.${code}`;
    if (!q) errors.push({ path, message: 'Not a question of this product' });
    else if (q.answerType === 'yes_no' && typeof a.answer !== 'boolean') errors.push({ path: `${path}.answer`, message: 'Answer yes or no' });
    else if (q.answerType === 'number' && (typeof a.answer !== 'number' || a.answer < 0)) errors.push({ path: `${path}.answer`, message: 'Answer with a number' });
    else if (q.answerType === 'text' && typeof a.answer !== 'string') errors.push({ path: `${path}.answer`, message: 'Answer in words' });
  }
  return errors;
}

/** What is still missing before the application can be submitted. */
export function incompleteness(
  order: { category: string; beneficiaries: Beneficiary[]; declarations: Record<string, DeclarationAnswer>; paymentMethod: PaymentMethod | null },
  questions: DeclarationQuestion[],
): FieldError[] {
  const errors: FieldError[] = [];
  if (order.category === 'life' && !order.beneficiaries.some((b) => b.tier === 'primary'))
    errors.push({ path: 'beneficiaries', message: 'A life policy needs at least one primary beneficiary' });
  for (const q of questions) {
    const a = order.declarations[q.code];
    if (!a) errors.push({ path: `declarations.${q.code}`, message: `Answer: ${q.text}` });
    else if (q.detailsOnYes && a.answer === true && !a.details) errors.push({ path: `declarations.${q.code}.details`, message: 'Give details of a "yes"' });
  }
  if (!order.paymentMethod) errors.push({ path: 'paymentMethod', message: 'Add how the premium will be paid' });
  return errors;
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

const cardBrand = (digits: string) =>
  /^4/.test(digits) ? 'visa' : /^(5[1-5]|2[2-7])/.test(digits) ? 'mastercard' : /^3[47]/.test(digits) ? 'amex' : /^6(011|5)/.test(digits) ? 'discover' : 'card';

/**
 * Checks and reduces a payment method to what we keep: type, brand, last four, expiry, holder and
 * a token standing for the number (a payment provider would issue it; the number itself is dropped).
 */
export function tokenisePaymentMethod(input: PaymentMethodInput, today: string): { method?: PaymentMethod; errors: FieldError[] } {
  if (input.type === 'card') {
    const digits = input.cardNumber.replace(/ /g, '');
    const errors: FieldError[] = [];
    if (digits.length < 12 || digits.length > 19 || !luhnValid(digits)) errors.push({ path: 'paymentMethod.cardNumber', message: 'This is not a valid card number' });
    const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
    if (input.expiryYear < year || (input.expiryYear === year && input.expiryMonth < month)) errors.push({ path: 'paymentMethod.expiryYear', message: 'The card has expired' });
    if (errors.length) return { errors };
    return {
      errors,
      method: {
        type: 'card',
        token: `tok_${crypto.randomBytes(12).toString('hex')}`,
        brand: cardBrand(digits),
        last4: digits.slice(-4),
        expiry: `${String(input.expiryMonth).padStart(2, '0')}/${input.expiryYear}`,
        holderName: input.holderName,
      },
    };
  }
  const account = input.accountNumber.replace(/ /g, '');
  return { errors: [], method: { type: 'bank_account', token: `tok_${crypto.randomBytes(12).toString('hex')}`, last4: account.slice(-4), holderName: input.holderName } };
}
