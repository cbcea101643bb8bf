// An order as GET /orders/:id returns it, for the tests of the application's pure logic.
import type { Order } from '@contracts/orders';
import type { DeclarationQuestion } from '@contracts/products';

export function makeOrder(overrides: Partial<Order> = {}): Order {
  return {
    id: '9d7f1e2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a',
    orderNumber: 'O-000042',
    status: 'draft',
    quoteId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    quoteNumber: 'Q-000042',
    customer: { id: '3f1c2a9e-5b7d-4c1e-9a2b-1d2e3f4a5b6c', customerNumber: 'C-000123', name: 'Ada Lovelace' },
    insured: null,
    branchId: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
    agent: { id: '6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b9c', name: 'Alex Agent' },
    product: { id: '0b6f9d0e-1c2a-4e5b-8f7a-9c0d1e2f3a4b', name: 'Term life', category: 'life', versionId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f', versionNumber: 1 },
    coverages: [{ code: 'DEATH', sumInsured: 250_000_00 }],
    sumInsured: 250_000_00,
    termYears: 20,
    trip: null,
    paymentFrequency: 'monthly',
    currency: 'USD',
    annualPremium: 362_80,
    beneficiaries: [],
    declarations: {},
    paymentMethod: null,
    requestedStartDate: null,
    requirements: { medicalExams: [], referrals: [], documents: [] },
    documents: [],
    exams: [],
    extraPremiumPercent: null,
    exclusions: [],
    approvedAnnualPremium: null,
    policyId: null,
    submittedAt: null,
    infoRequest: null,
    underwriter: null,
    decidedBy: null,
    decisionNote: null,
    declineReason: null,
    decidedAt: null,
    processingBusinessDays: null,
    history: [],
    version: 3,
    createdAt: '2026-03-01T09:00:00.000Z',
    updatedAt: '2026-03-02T09:00:00.000Z',
    ...overrides,
  };
}

export const QUESTIONS: DeclarationQuestion[] = [
  { code: 'SMOKED', category: 'lifestyle', text: 'Have you smoked in the last 12 months?', answerType: 'yes_no', detailsOnYes: true },
  { code: 'HOSPITAL', category: 'health', text: 'Have you been in hospital in the last 5 years?', answerType: 'yes_no' },
  { code: 'DRINKS', category: 'lifestyle', text: 'How many alcoholic drinks a week?', answerType: 'number' },
  { code: 'DOCTOR', category: 'health', text: 'Name of your doctor', answerType: 'text' },
];
