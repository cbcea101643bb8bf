// Customer risk score, formula "risk-v1": 0–100 from documented factors; each factor's points are
// listed so an agent can explain the score, and they always add up to it.
import type { KycStatus } from '../../contracts/customers';
import { ageOn } from './personal-data';

export const RISK_FORMULA_VERSION = 'risk-v1';

export interface RiskInputs {
  dateOfBirth: string;
  /** The business date the age is taken on. */
  today: string;
  occupationClass: number;
  smoker: boolean;
  country: string;
  kycStatus: KycStatus;
}

export interface RiskFactor {
  code: string;
  label: string;
  /** The input value the points were taken from, as shown to the agent. */
  value: string;
  points: number;
}

export interface RiskScore {
  score: number;
  level: 'low' | 'medium' | 'high';
  formulaVersion: string;
  factors: RiskFactor[];
}

/** Points added by modules that arrive later (claims history, payment delinquency…). */
export type ExtraRiskFactors = RiskFactor[];

export const BASE_POINTS = 10;
const AGE_BANDS: [maxAge: number, points: number][] = [
  [24, 10],
  [39, 0],
  [54, 5],
  [64, 10],
  [74, 15],
  [Infinity, 20],
];
/** The ages at which a customer enters a new age band (25, 40, 55, 65, 75): their score can move that day. */
export const AGE_BAND_STARTS = AGE_BANDS.filter(([max]) => Number.isFinite(max)).map(([max]) => max + 1);

const OCCUPATION_POINTS: Record<number, number> = { 1: 0, 2: 5, 3: 12, 4: 20 };
export const SMOKER_POINTS = 15;
/** Countries with mature health systems and low fraud rates in the insurer's book. */
export const LOW_RISK_COUNTRIES = new Set([
  'US',
  'CA',
  'GB',
  'IE',
  'DE',
  'FR',
  'NL',
  'BE',
  'LU',
  'AT',
  'CH',
  'DK',
  'SE',
  'NO',
  'FI',
  'IS',
  'ES',
  'PT',
  'IT',
  'AU',
  'NZ',
  'JP',
  'SG',
]);
export const OTHER_COUNTRY_POINTS = 8;
const KYC_POINTS: Record<KycStatus, number> = { verified: 0, pending: 5, not_started: 10, expired: 10, rejected: 25 };

export const levelFor = (score: number): RiskScore['level'] => (score >= 65 ? 'high' : score >= 35 ? 'medium' : 'low');

export function computeRisk(inputs: RiskInputs, extra: ExtraRiskFactors = []): RiskScore {
  const age = ageOn(inputs.dateOfBirth, inputs.today);
  const agePoints = AGE_BANDS.find(([max]) => age <= max)![1];
  const factors: RiskFactor[] = [
    { code: 'base', label: 'Base', value: 'every customer', points: BASE_POINTS },
    { code: 'age', label: 'Age', value: String(age), points: agePoints },
    { code: 'occupation_class', label: 'Occupation class', value: String(inputs.occupationClass), points: OCCUPATION_POINTS[inputs.occupationClass] ?? 20 },
    { code: 'smoker', label: 'Smoker', value: inputs.smoker ? 'yes' : 'no', points: inputs.smoker ? SMOKER_POINTS : 0 },
    { code: 'region', label: 'Country of residence', value: inputs.country, points: LOW_RISK_COUNTRIES.has(inputs.country) ? 0 : OTHER_COUNTRY_POINTS },
    { code: 'kyc', label: 'KYC status', value: inputs.kycStatus.replace('_', ' '), points: KYC_POINTS[inputs.kycStatus] },
    ...extra,
  ];
  const raw = factors.reduce((sum, f) => sum + f.points, 0);
  const score = Math.max(0, Math.min(100, raw));
  // Keep "the contributions add up to the score" true at the bounds too.
  if (score !== raw) factors.push({ code: 'bounds', label: 'Limited to 0–100', value: String(raw), points: score - raw });
  return { score, level: levelFor(score), formulaVersion: RISK_FORMULA_VERSION, factors };
}
