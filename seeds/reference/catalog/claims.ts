// The reference products' claims catalogs (issue 13): which coverages answer each loss type, and the
// waiting periods. A copy is written into the versions already published by migration
// 20261208110000_claims_catalog (migrations never import seeds: they stay as they landed).
import type { ClaimsCatalog } from '../../../backend/src/contracts/products';

type ReferenceProduct = 'TERM_LIFE' | 'WHOLE_LIFE' | 'HEALTH_INDIVIDUAL' | 'AUTO_PRIVATE' | 'HOME_OWNERS' | 'TRAVEL_SINGLE';

export const CLAIMS_CATALOGS: Record<ReferenceProduct, ClaimsCatalog> = {
  TERM_LIFE: {
    lossTypes: [
      { lossType: 'death', coverages: ['DEATH', 'ADB'] },
      { lossType: 'accident', coverages: ['ADB'] },
    ],
  },
  WHOLE_LIFE: {
    lossTypes: [
      { lossType: 'death', coverages: ['DEATH', 'ADB'] },
      { lossType: 'accident', coverages: ['ADB'] },
    ],
  },
  HEALTH_INDIVIDUAL: {
    lossTypes: [
      { lossType: 'hospitalisation', coverages: ['INPATIENT'], waitingDays: 30 },
      { lossType: 'critical_illness', coverages: ['INPATIENT'], waitingDays: 90 },
      { lossType: 'accident', coverages: ['INPATIENT', 'OUTPATIENT'] },
    ],
  },
  AUTO_PRIVATE: {
    lossTypes: [
      { lossType: 'vehicle_collision', coverages: ['COLLISION', 'LIABILITY'] },
      { lossType: 'accident', coverages: ['LIABILITY', 'COLLISION'] },
      { lossType: 'vehicle_theft', coverages: ['COMPREHENSIVE'] },
      { lossType: 'fire', coverages: ['COMPREHENSIVE'] },
      { lossType: 'storm', coverages: ['COMPREHENSIVE'] },
    ],
  },
  HOME_OWNERS: {
    lossTypes: [
      { lossType: 'fire', coverages: ['DWELLING', 'CONTENTS'] },
      { lossType: 'water_damage', coverages: ['DWELLING', 'CONTENTS'] },
      { lossType: 'storm', coverages: ['DWELLING', 'CONTENTS'] },
      { lossType: 'burglary', coverages: ['CONTENTS'] },
      { lossType: 'accident', coverages: ['LIABILITY'] },
    ],
  },
  TRAVEL_SINGLE: {
    lossTypes: [
      { lossType: 'travel_medical', coverages: ['MEDICAL'] },
      { lossType: 'accident', coverages: ['MEDICAL'] },
      { lossType: 'trip_cancellation', coverages: ['CANCELLATION'] },
      { lossType: 'baggage', coverages: ['BAGGAGE'] },
    ],
  },
};
