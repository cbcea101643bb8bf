// SQL for saved quotes. First argument: the db or the transaction.
import type { ProductDefinition, Quote } from '../../contracts/products';
import type { DbOrTrx, Trx } from '../../db';
import { keysetPage, type SortKey } from '../../platform/pagination';
import { nextRecordNumber } from '../../platform/records';

export interface QuoteRow {
  id: string;
  quote_number: string;
  product_id: string;
  product_version_id: string;
  customer_id: string | null;
  branch_id: string;
  // Quotes saved before trips existed have neither `trip` nor a null term.
  request: Pick<Quote, 'coverages' | 'termYears' | 'paymentFrequency'> & { risk?: Quote['risk']; trip?: Quote['trip'] };
  applicant: Quote['applicant'];
  // Quotes saved before requirements existed have none.
  result: Pick<Quote, 'eligibility' | 'price' | 'productName' | 'productVersionNumber'> & { requirements?: Quote['requirements'] };
  currency: string;
  annual_premium: string | number;
  quoted_on: string;
  valid_until: string;
  created_at: Date;
}

/** A saved quote with its product and the version that priced it. */
export type QuoteWithVersionRow = QuoteRow & { product_name: string; product_category: string; version_number: number; definition: ProductDefinition };

const QUOTE_ORDER: SortKey[] = [
  { column: 'q.created_at', field: 'created_at', dir: 'desc' },
  { column: 'q.id', field: 'id', dir: 'desc' },
];

/** Inserts the quote under the next Q- number (`request`, `applicant` and `result` as JSON text). */
export async function insertQuote(
  trx: Trx,
  row: Omit<QuoteRow, 'id' | 'quote_number' | 'request' | 'applicant' | 'result' | 'created_at'> & {
    request: string;
    applicant: string;
    result: string;
    created_at: Date;
    created_by: string;
  },
): Promise<QuoteRow> {
  const [created] = await trx('quotes')
    .insert({ quote_number: nextRecordNumber(trx, 'Q', 'quote_number_seq'), ...row })
    .returning('*');
  return created;
}

export function findQuote(db: DbOrTrx, id: string): Promise<QuoteRow | undefined> {
  return db('quotes').where({ id }).first();
}

export function findWithVersion(db: DbOrTrx, id: string): Promise<QuoteWithVersionRow | undefined> {
  return db('quotes as q')
    .join('products as p', 'p.id', 'q.product_id')
    .join('product_versions as v', 'v.id', 'q.product_version_id')
    .where('q.id', id)
    .first('q.*', 'p.name as product_name', 'p.category as product_category', 'v.version_number', 'v.definition');
}

/** A page of a customer's quotes, newest first. */
export function customerPage(db: DbOrTrx, customerId: string, page: { limit: number; cursor?: string }) {
  return keysetPage<QuoteRow & Record<string, unknown>>(db('quotes as q').where('q.customer_id', customerId).select('q.*'), QUOTE_ORDER, page);
}

export async function moveToCustomer(trx: Trx, sourceId: string, targetId: string): Promise<void> {
  await trx('quotes').where({ customer_id: sourceId }).update({ customer_id: targetId });
}

/** Business numbers by id, for the audit trail (one query for a page of entries). */
export async function numbersOf(db: DbOrTrx, ids: readonly string[]): Promise<Map<string, string>> {
  const rows: { id: string; number: string }[] = await db('quotes').whereIn('id', ids).select('id', 'quote_number as number');
  return new Map(rows.map((r) => [r.id, r.number]));
}
