import type { ChecklistItem } from '@contracts/documents';
import { describe, expect, it } from 'vitest';
import { applicationProgress } from '../application-progress';
import { makeOrder, QUESTIONS } from './order-fixture';

const step = (key: string, ...args: Parameters<typeof applicationProgress>) => applicationProgress(...args).find((s) => s.key === key)!;
const doc = (code: string, status: ChecklistItem['status']): ChecklistItem => ({ code, name: code, status, document: null, waiver: null });

describe('applicationProgress', () => {
  it('lists the four steps in order', () => {
    expect(applicationProgress(makeOrder(), QUESTIONS).map((s) => s.key)).toEqual(['beneficiaries', 'declarations', 'payment', 'documents']);
  });

  it('wants a primary beneficiary on a life product, and makes them optional elsewhere', () => {
    expect(step('beneficiaries', makeOrder(), [])).toMatchObject({ done: false, detail: 'Name at least one primary beneficiary' });
    const auto = makeOrder({ product: { ...makeOrder().product, category: 'auto' } });
    expect(step('beneficiaries', auto, [])).toMatchObject({ done: true, detail: 'None (optional for this product)' });
  });

  it('counts primary and contingent beneficiaries; contingent ones alone do not complete the step', () => {
    const b = (tier: 'primary' | 'contingent') => ({ name: 'A', relationship: 'child' as const, share: 50, tier });
    expect(step('beneficiaries', makeOrder({ beneficiaries: [b('primary'), b('primary'), b('contingent')] }), [])).toMatchObject({ done: true, detail: '2 primary, 1 contingent' });
    expect(step('beneficiaries', makeOrder({ beneficiaries: [b('primary')] }), [])).toMatchObject({ detail: '1 primary' });
    expect(step('beneficiaries', makeOrder({ beneficiaries: [b('contingent')] }), []).done).toBe(false);
  });

  it('is not done with the declarations while the questions are loading', () => {
    expect(step('declarations', makeOrder(), undefined)).toMatchObject({ done: false, detail: 'Loading the questions…' });
    expect(step('declarations', makeOrder(), [])).toMatchObject({ done: true, detail: 'No questions for this product' });
  });

  it('counts a "yes" that must be explained as answered only with its explanation, as the server does', () => {
    const all = { HOSPITAL: { answer: false }, DRINKS: { answer: 0 }, DOCTOR: { answer: 'Dr Who' } };
    expect(step('declarations', makeOrder({ declarations: { ...all, SMOKED: { answer: true } } }), QUESTIONS)).toMatchObject({ done: false, detail: '3 of 4 answered' });
    expect(step('declarations', makeOrder({ declarations: { ...all, SMOKED: { answer: true, details: 'Ten a day' } } }), QUESTIONS)).toMatchObject({
      done: true,
      detail: '4 of 4 answered',
    });
    expect(step('declarations', makeOrder({ declarations: { ...all, SMOKED: { answer: false } } }), QUESTIONS).done).toBe(true);
  });

  it('ignores answers to questions the product no longer asks', () => {
    expect(step('declarations', makeOrder({ declarations: { OLD: { answer: true } } }), QUESTIONS)).toMatchObject({ done: false, detail: '0 of 4 answered' });
  });

  it('shows the saved payment method masked, or asks for one', () => {
    expect(step('payment', makeOrder(), [])).toMatchObject({ done: false, detail: 'Add how the premium will be paid' });
    const card = makeOrder({ paymentMethod: { type: 'card', token: 't', last4: '1111', brand: 'visa', expiry: '01/2030', holderName: 'Ada' } });
    expect(step('payment', card, [])).toMatchObject({ done: true, detail: 'Visa •••• 1111, expires 01/2030' });
  });

  it('counts uploaded, verified and waived documents as done, and says how many were rejected', () => {
    expect(step('documents', makeOrder(), [])).toMatchObject({ done: true, detail: 'None needed' });
    const documents = [doc('ID', 'verified'), doc('APS', 'uploaded'), doc('BANK', 'rejected'), doc('MED', 'missing')];
    expect(step('documents', makeOrder({ documents }), [])).toMatchObject({ done: false, detail: '2 of 4 uploaded · 1 rejected: upload again' });
    expect(step('documents', makeOrder({ documents: [doc('ID', 'verified'), doc('APS', 'uploaded')] }), [])).toMatchObject({ done: true, detail: '2 of 2 uploaded' });
    // A document the underwriter waived needs no upload (back with the agent for information).
    expect(step('documents', makeOrder({ documents: [doc('ID', 'waived'), doc('APS', 'uploaded')] }), [])).toMatchObject({ done: true, detail: '2 of 2 uploaded' });
  });
});
