// The bulk writers the volume seeds share: sequence numbers reserved in one round trip, rows inserted
// from one JSON document per table, and ledger postings with their accounts (made when missing).
import type { Trx } from '../db';

/** Reserves `count` numbers of a sequence, in order. */
export async function reserve(trx: Trx, sequence: string, count: number): Promise<number[]> {
  if (count === 0) return [];
  const { rows } = await trx.raw<{ rows: { n: string }[] }>(`SELECT nextval(?::regclass) AS n FROM generate_series(1, ?)`, [sequence, count]);
  return rows.map((r) => Number(r.n));
}

/** INSERT INTO table (columns) SELECT columns FROM the JSON rows (in their order). */
export async function insertRows(trx: Trx, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (!rows.length) return;
  const columns = Object.keys(rows[0]!);
  const list = columns.map((c) => `"${c}"`).join(', ');
  await trx.raw(`INSERT INTO ${table} (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::${table}, ?::jsonb) WITH ORDINALITY AS r ORDER BY ordinality`, [
    JSON.stringify(rows),
  ]);
}

export interface Posting {
  entry_id: string;
  kind: string;
  owner_type: string;
  owner_key: string;
  direction: 'debit' | 'credit';
  amount: number;
  currency: string;
  invoice_id: string | null;
}

/** The postings (after their entries, in the same transaction), each on its account — made first when missing. */
export async function insertPostings(trx: Trx, postings: Posting[]): Promise<void> {
  if (!postings.length) return;
  const accounts = [
    ...new Map(postings.map((p) => [`${p.kind}|${p.owner_key}|${p.currency}`, { kind: p.kind, owner_type: p.owner_type, owner_key: p.owner_key, currency: p.currency }])).values(),
  ];
  await trx.raw(
    `INSERT INTO ledger_accounts (kind, owner_type, owner_key, currency)
     SELECT kind, owner_type, owner_key, currency FROM jsonb_to_recordset(?::jsonb) AS r(kind text, owner_type text, owner_key text, currency text)
     ON CONFLICT (kind, owner_type, owner_key, currency) DO NOTHING`,
    [JSON.stringify(accounts)],
  );
  await trx.raw(
    `INSERT INTO postings (entry_id, account_id, direction, amount, currency, invoice_id)
     SELECT r.entry_id, a.id, r.direction, r.amount, r.currency, r.invoice_id
     FROM ROWS FROM (jsonb_to_recordset(?::jsonb) AS (entry_id uuid, kind text, owner_type text, owner_key text, direction text, amount bigint, currency text, invoice_id uuid))
          WITH ORDINALITY AS r(entry_id, kind, owner_type, owner_key, direction, amount, currency, invoice_id, ordinality)
     JOIN ledger_accounts a ON a.kind = r.kind AND a.owner_type = r.owner_type AND a.owner_key = r.owner_key AND a.currency = r.currency
     ORDER BY r.ordinality`,
    [JSON.stringify(postings)],
  );
}
