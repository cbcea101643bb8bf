// The fast-track rule alone: each condition refuses with its reason, the boundaries hold (the maximum
// and the system's limit are inclusive), and off — not configured or switched off — weighs nothing else.
import { evaluateFastTrack, type FastTrackFacts } from '../fast-track';

const admitted: FastTrackFacts = {
  rule: { lossTypes: ['baggage', 'travel_medical'], maxAmount: 1_000_00, samplePercent: 10 },
  suspended: false,
  currency: 'USD',
  lossType: 'baggage',
  claimedAmount: 400_00,
  coverageDoubtful: false,
  coverageReasons: [],
  fraudIndicators: [],
  openClaims: [],
  kycVerified: true,
  payable: 350_00,
  systemLimit: 500_00,
  reservePending: false,
};
const codes = (f: Partial<FastTrackFacts>) => evaluateFastTrack({ ...admitted, ...f }).map((r) => r.code);

describe('the fast-track rule', () => {
  it('admits a claim that meets every condition', () => {
    expect(evaluateFastTrack(admitted)).toEqual([]);
  });

  it('is off when not configured or switched off, whatever else holds', () => {
    expect(codes({ rule: null, lossType: 'death' })).toEqual(['NOT_CONFIGURED']);
    expect(codes({ suspended: true, kycVerified: false })).toEqual(['SWITCHED_OFF']);
  });

  it('refuses each failed condition with its reason', () => {
    expect(evaluateFastTrack({ ...admitted, lossType: 'vehicle_theft' })).toEqual([
      { code: 'LOSS_TYPE_NOT_ADMITTED', reason: 'A vehicle theft claim is not fast-tracked (the rule admits baggage, travel medical).' },
    ]);
    expect(codes({ claimedAmount: null, payable: null })).toEqual(['NO_AMOUNT']);
    expect(codes({ claimedAmount: 1_000_01, payable: 400_00 })).toEqual(['ABOVE_MAXIMUM']);
    expect(codes({ claimedAmount: 1_000_00, payable: 500_00 })).toEqual([]);
    expect(codes({ coverageDoubtful: true, coverageReasons: ['Not in force on the loss date.'] })).toEqual(['COVERAGE_NOT_CONFIRMED']);
    expect(codes({ fraudIndicators: [{ code: 'LOSS_IN_GRACE', weight: 20, severe: false, reason: 'In grace.' }] })).toEqual(['FRAUD_INDICATOR']);
    // An unverified identity is its own condition, not a fraud indicator here.
    expect(codes({ kycVerified: false, fraudIndicators: [{ code: 'KYC_NOT_VERIFIED', weight: 15, severe: false, reason: 'x' }] })).toEqual(['IDENTITY_NOT_VERIFIED']);
    expect(codes({ openClaims: ['CL-000001'] })).toEqual(['OPEN_CLAIM_ON_POLICY']);
    expect(codes({ payable: 0 })).toEqual(['NOTHING_PAYABLE']);
    expect(codes({ payable: 500_01 })).toEqual(['ABOVE_SYSTEM_LIMIT']);
    expect(codes({ systemLimit: null })).toEqual(['ABOVE_SYSTEM_LIMIT']);
    expect(codes({ reservePending: true })).toEqual(['RESERVE_PENDING']);
  });

  it('lists every failed condition at once', () => {
    expect(codes({ lossType: 'fire', kycVerified: false, openClaims: ['CL-000002'], claimedAmount: 2_000_00, payable: 2_000_00 })).toEqual([
      'LOSS_TYPE_NOT_ADMITTED',
      'ABOVE_MAXIMUM',
      'OPEN_CLAIM_ON_POLICY',
      'IDENTITY_NOT_VERIFIED',
      'ABOVE_SYSTEM_LIMIT',
    ]);
  });
});
