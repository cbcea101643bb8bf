// The premium register (issue 20): per product, currency and month, premium written (billed to the
// unearned premium reserve, less premium returned from it), earned (moved to premium income by the
// earning job) and unearned at the month's end (all written through then less all earned) — from
// billing's premium writings and the ledger's entries, by the dates the entries count on. Each
// figure links to the entries behind it (GET /api/finance/entries with the product).
import type { PremiumRegister, PremiumRegisterQuery } from '../../contracts/finance';
import type { Db } from '../../db';
import type { BillingHooks } from '../billing/billing-policies';
import type { QuoteBook } from '../products/quote-book';
import { monthEnd, monthsBetween, monthStart } from './periods';

export class PremiumRegisterService {
  constructor(
    private readonly db: Db,
    private readonly billing: BillingHooks,
    private readonly quotes: QuoteBook,
  ) {}

  async register(query: PremiumRegisterQuery): Promise<PremiumRegister> {
    const movements = await this.billing.premiumMovements(this.db, monthEnd(query.to));
    const products = await this.quotes.productsOfVersions(this.db, [...new Set(movements.map((m) => m.product_version_id))]);
    // Per product and currency: each month's movements (versions of one product together).
    const series = new Map<string, { product: { id: string; code: string; name: string }; currency: string; months: Map<string, { written: number; earned: number }> }>();
    for (const m of movements) {
      const p = products.get(m.product_version_id);
      const product = p ? { id: p.productId, code: p.code, name: p.name } : { id: m.product_version_id, code: '?', name: 'Unknown product' };
      const key = `${product.id}|${m.currency}`;
      const s = series.get(key) ?? { product, currency: m.currency, months: new Map() };
      const at = s.months.get(m.month) ?? { written: 0, earned: 0 };
      s.months.set(m.month, { written: at.written + m.written, earned: at.earned + m.earned });
      series.set(key, s);
    }
    const months = monthsBetween(query.from, query.to);
    const rows: PremiumRegister['rows'] = [];
    for (const s of series.values()) {
      // The reserve at the end of the month before `from`: everything written less everything earned before it.
      let unearned = 0;
      for (const [month, f] of s.months) if (month < query.from) unearned += f.written - f.earned;
      for (const month of months) {
        const f = s.months.get(month) ?? { written: 0, earned: 0 };
        unearned += f.written - f.earned;
        if (f.written === 0 && f.earned === 0 && unearned === 0) continue;
        const range = `currency=${s.currency}&from=${monthStart(month)}&to=${monthEnd(month)}&productId=${s.product.id}`;
        rows.push({
          month,
          product: s.product,
          currency: s.currency,
          written: f.written,
          earned: f.earned,
          unearned,
          entries: {
            written: `/api/finance/entries?kind=unearned_premium&${range}&sourceTypes=invoice,policy_transaction`,
            earned: `/api/finance/entries?kind=premium_income&${range}&sourceTypes=earning`,
          },
        });
      }
    }
    rows.sort((a, b) => a.month.localeCompare(b.month) || a.product.name.localeCompare(b.product.name) || a.currency.localeCompare(b.currency));
    const totals = new Map<string, PremiumRegister['totals'][number]>();
    for (const r of rows) {
      const key = `${r.month}|${r.currency}`;
      const t = totals.get(key) ?? { month: r.month, currency: r.currency, written: 0, earned: 0, unearned: 0 };
      totals.set(key, { ...t, written: t.written + r.written, earned: t.earned + r.earned, unearned: t.unearned + r.unearned });
    }
    return { from: query.from, to: query.to, rows, totals: [...totals.values()] };
  }
}
