import type { Knex } from 'knex';

// A version's definition gained documents, medical-exam and referral rules, declaration questions
// (and, for whole life, cash values). Versions written before have none of these: give them empty
// lists so every stored definition has the same shape. Adding empty rule lists changes no price,
// so this is the one sanctioned write to published versions (their trigger is paused for it).
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE product_versions DISABLE TRIGGER product_versions_immutable;
    UPDATE product_versions
       SET definition = jsonb_build_object('requiredDocuments', '[]'::jsonb, 'medicalExamRules', '[]'::jsonb,
                                           'referralRules', '[]'::jsonb, 'declarationQuestions', '[]'::jsonb) || definition
     WHERE NOT jsonb_exists(definition, 'requiredDocuments');
    ALTER TABLE product_versions ENABLE TRIGGER product_versions_immutable;
  `);
}

export async function down(): Promise<void> {
  // The added empty lists are harmless to older code that ignores them.
}
