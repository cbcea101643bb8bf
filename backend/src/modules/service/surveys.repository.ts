// SQL of the CSAT and NPS surveys.
import type { DbOrTrx } from '../../db';

export interface SurveyRow {
  id: string;
  kind: 'csat' | 'nps';
  source_key: string;
  case_id: string | null;
  policy_id: string | null;
  customer_id: string | null;
  branch_id: string;
  agent_id: string | null;
  token: string;
  sent_at: Date;
  expires_at: Date;
  score: number | null;
  reason_codes: string[];
  comment: string | null;
  answered_at: Date | null;
  answered_via: 'phone' | 'link' | null;
  recorded_by: string | null;
  /** How the link went to the customer; null: not sent (no customer, or no address on file). */
  sent_via: 'email' | 'sms' | null;
}

/** Inserts a survey unless its source key exists (one per resolution, one per policy year); the row either way. */
export async function insertOnce(
  db: DbOrTrx,
  row: Omit<SurveyRow, 'id' | 'score' | 'reason_codes' | 'comment' | 'answered_at' | 'answered_via' | 'recorded_by'>,
): Promise<{ row: SurveyRow; created: boolean }> {
  const [inserted] = await db('service_surveys').insert(row).onConflict('source_key').ignore().returning('*');
  if (inserted) return { row: inserted as SurveyRow, created: true };
  return { row: (await db<SurveyRow>('service_surveys').where({ source_key: row.source_key }).first())!, created: false };
}

export async function markSent(db: DbOrTrx, id: string, via: 'email' | 'sms'): Promise<void> {
  await db('service_surveys').where({ id }).update({ sent_via: via });
}

export function findByToken(db: DbOrTrx, token: string): Promise<SurveyRow | undefined> {
  return db<SurveyRow>('service_surveys').where({ token }).first();
}

export function latestOfCase(db: DbOrTrx, caseId: string): Promise<SurveyRow | undefined> {
  return db<SurveyRow>('service_surveys').where({ case_id: caseId }).orderBy('sent_at', 'desc').first();
}

/** Records the answer if the survey is still open (single use, not expired) — zero rows: it was not. */
export async function answerIfOpen(
  db: DbOrTrx,
  id: string,
  now: Date,
  answer: { score: number; reason_codes: string[]; comment: string | null; answered_via: 'phone' | 'link'; recorded_by: string | null },
): Promise<SurveyRow | undefined> {
  const [row] = await db<SurveyRow>('service_surveys')
    .where({ id })
    .whereNull('answered_at')
    .where('expires_at', '>', now)
    .update({ ...answer, answered_at: now })
    .returning('*');
  return row as SurveyRow | undefined;
}
