import type { Knex } from 'knex';

// A product version's definition gains its claims catalog (issue 13): for each loss type, the
// coverages that answer it and the waiting period (days from the policy's start). The reference
// products' published versions get theirs here — like the empty rule lists of 20261121210000, an
// addition that changes no price, so their immutability trigger is paused for it. A fresh database
// has no products yet at this point: its reference seed writes the catalog with the definition.
// A frozen copy of seeds/reference/catalog/claims.ts as it landed.
const CATALOGS: Record<string, { lossTypes: { lossType: string; coverages: string[]; waitingDays?: number }[] }> = {
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

export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE product_versions DISABLE TRIGGER product_versions_immutable');
  for (const [code, catalog] of Object.entries(CATALOGS)) {
    await knex.raw(
      `UPDATE product_versions v SET definition = v.definition || jsonb_build_object('claims', ?::jsonb)
         FROM products p WHERE p.id = v.product_id AND p.code = ? AND NOT jsonb_exists(v.definition, 'claims')`,
      [JSON.stringify(catalog), code],
    );
  }
  await knex.raw('ALTER TABLE product_versions ENABLE TRIGGER product_versions_immutable');
}

export async function down(): Promise<void> {
  // The added catalogs are harmless to older code that ignores them.
}
