import type { ChecklistItem } from '@contracts/documents';
import type { Order } from '@contracts/orders';
import { describe, expect, it } from 'vitest';
import { approvalReadiness } from '../approval-readiness';

const doc = (code: string, status: ChecklistItem['status']): ChecklistItem => ({ code, name: code, status, document: null, waiver: null });
/** The parts of an order the readiness reads: no exams, documents and history as given. */
const makeOrder = (parts: Partial<Pick<Order, 'documents' | 'exams' | 'history'>>): Pick<Order, 'documents' | 'exams' | 'history'> => ({
  documents: [],
  exams: [],
  history: [],
  ...parts,
});
const ME = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const submittedBy = (id: string): Order['history'][number] => ({
  fromStatus: 'draft',
  toStatus: 'submitted',
  reason: null,
  changedBy: { id, name: 'Someone' },
  changedAt: '2026-03-02T09:00:00.000Z',
});

describe('approvalReadiness', () => {
  it('wants every required document verified or waived: merely uploaded, rejected or missing ones block the approval', () => {
    const documents = [doc('ID', 'verified'), doc('SIGNED', 'uploaded'), doc('APS', 'rejected'), doc('BANK', 'missing'), doc('MED', 'waived')];
    const r = approvalReadiness(makeOrder({ documents }), ME);
    expect(r.unverifiedDocuments.map((d) => d.code)).toEqual(['SIGNED', 'APS', 'BANK']);
    expect(r.ready).toBe(false);
    expect(approvalReadiness(makeOrder({ documents: [doc('ID', 'verified'), doc('MED', 'waived')] }), ME)).toMatchObject({ unverifiedDocuments: [], ready: true });
  });

  it('knows when the user submitted the application, first or on a resubmission (four-eyes)', () => {
    const history = [submittedBy(ME), { ...submittedBy(OTHER), fromStatus: 'info_requested' as const }];
    expect(approvalReadiness(makeOrder({ history }), ME)).toMatchObject({ submittedByYou: true, ready: false });
    expect(approvalReadiness(makeOrder({ history }), '33333333-3333-4333-8333-333333333333')).toMatchObject({ submittedByYou: false, ready: true });
  });

  it('knows when a trip has left: approving it is refused (TRIP_STARTED), the departure day itself is fine', () => {
    const trip = { departureDate: '2027-01-12', returnDate: '2027-01-26', destinationZone: 'europe' as const, days: 15 };
    expect(approvalReadiness({ ...makeOrder({}), trip }, ME, '2027-01-13')).toMatchObject({ tripStarted: true, ready: false });
    expect(approvalReadiness({ ...makeOrder({}), trip }, ME, '2027-01-12')).toMatchObject({ tripStarted: false, ready: true });
    expect(approvalReadiness({ ...makeOrder({}), trip: null }, ME, '2030-01-01')).toMatchObject({ tripStarted: false, ready: true });
  });
});
