import type { KpiFigure, KpiQuery, KpiTarget, KpiUnit } from '@contracts/analytics';
import { formatMoney } from '@/lib/money';

// How a KPI reads on its card: the figure in its unit, the target in words, what it was computed
// from, and the periods the page offers (whole months and quarters on the company's calendar).

const number = (value: number, digits: number) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The figure in its unit: "4.67 / 5", "75.0%", "7.0 business days"; "—" when there is none. */
export function formatKpiValue(unit: KpiUnit, value: number | null, currency: string | null = null): string {
  if (value === null) return '—';
  switch (unit) {
    case 'score':
      return `${number(value, 2)} / 5`;
    case 'ratio':
      return `${number(value * 100, 1)}%`;
    case 'business_days':
      return `${number(value, 1)} business days`;
    case 'hours':
      return `${number(value, 1)} hours`;
    case 'money':
      return formatMoney(Math.round(value), currency ?? '');
    case 'count':
      return number(value, 0);
    case 'per_agent_day':
      return `${number(value, 2)} a day per agent`;
  }
}

const COMPARISON_WORDS: Record<KpiTarget['comparison'], string> = { above: 'above', below: 'below', at_most: 'at most' };

/** "Target: above 4.50 / 5", "Target: at most 10.0 business days"; null without a target. */
export function targetLabel(unit: KpiUnit, target: KpiTarget | null, currency: string | null = null): string | null {
  return target ? `Target: ${COMPARISON_WORDS[target.comparison]} ${formatKpiValue(unit, target.value, currency)}` : null;
}

/** What the figure was computed from: "17 of 20", "3 decided", "12 cases", "750.00 USD of 1,500.00 USD", "3,600.00 USD over 3 months"; null when nothing was counted. */
export function basisLabel(figure: Pick<KpiFigure, 'unit' | 'numerator' | 'denominator' | 'basisUnit' | 'currency'>): string | null {
  const { numerator, denominator } = figure;
  if (numerator === null || denominator === null) return null;
  if (denominator === 0) return 'Nothing to count in the period';
  if (figure.unit === 'money') return `${formatMoney(numerator, figure.currency ?? '')} over ${denominator} ${denominator === 1 ? 'month' : 'months'}`;
  if (figure.basisUnit === 'money') return `${formatMoney(numerator, figure.currency ?? '')} of ${formatMoney(denominator, figure.currency ?? '')}`;
  if (figure.unit === 'ratio') return `${number(numerator, 0)} of ${number(denominator, 0)}`;
  if (figure.unit === 'score') return `${number(denominator, 0)} ${denominator === 1 ? 'answer' : 'answers'}`;
  if (figure.unit === 'business_days') return `${number(denominator, 0)} decided`;
  if (figure.unit === 'per_agent_day') return `${number(numerator, 0)} over ${number(denominator, 0)} agent working ${denominator === 1 ? 'day' : 'days'}`;
  if (figure.unit === 'hours') return `${number(denominator, 0)} ${denominator === 1 ? 'case' : 'cases'}`;
  return `${number(numerator, 0)} over ${number(denominator, 0)}`;
}

export type KpiPeriod = Pick<KpiQuery, 'from' | 'to'>;

const iso = (year: number, month: number, day: number) => new Date(Date.UTC(year, month, day)).toISOString().slice(0, 10);

/** The periods offered, from the company's date today: this month, last month, this quarter, last quarter, the last 12 months. */
export function periodPresets(today: string): { value: string; label: string; period: KpiPeriod }[] {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1];
  const q = Math.floor(m / 3) * 3;
  return [
    { value: 'this-month', label: 'This month', period: { from: iso(y, m, 1), to: today } },
    { value: 'last-month', label: 'Last month', period: { from: iso(y, m - 1, 1), to: iso(y, m, 0) } },
    { value: 'this-quarter', label: 'This quarter', period: { from: iso(y, q, 1), to: today } },
    { value: 'last-quarter', label: 'Last quarter', period: { from: iso(y, q - 3, 1), to: iso(y, q, 0) } },
    { value: 'last-12-months', label: 'Last 12 months', period: { from: iso(y, m - 11, 1), to: today } },
  ];
}

/** A trend's month, `2027-03` → "Mar 2027". */
export function monthLabel(month: string): string {
  return new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** The figure beside the one it is compared with: "Before: 4.25 / 5 (+0.35)", "Before: —". */
export function comparedLabel(figure: Pick<KpiFigure, 'unit' | 'value' | 'currency' | 'compared'>): string {
  const before = figure.compared?.value ?? null;
  const text = `Before: ${formatKpiValue(figure.unit, before, figure.currency)}`;
  if (before === null || figure.value === null) return text;
  const change = figure.value - before;
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  // A ratio changes by percentage points; every other unit in its own terms.
  const size = figure.unit === 'ratio' ? `${number(Math.abs(change) * 100, 1)} pts` : formatKpiValue(figure.unit, Math.abs(change), figure.currency);
  return `${text} (${sign}${size})`;
}
