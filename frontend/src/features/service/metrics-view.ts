import type { ServiceMetricsRow } from '@contracts/service';

const answers = (n: number) => `${n} ${n === 1 ? 'answer' : 'answers'}`;

/** A share (0–1) as a whole percentage, "—" when there is nothing to divide. */
export const percentText = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

/** Business hours with one decimal, "—" when none was met. */
export const hoursText = (hours: number | null) => (hours === null ? '—' : `${hours.toFixed(1)} h`);

/** NPS (% promoters − % detractors) signed, with the answers it stands on: "+25 (4 answers)", "−33.3 (3 answers)". */
export function npsText(nps: ServiceMetricsRow['nps']): string {
  if (nps.score === null) return '—';
  const sign = nps.score > 0 ? '+' : nps.score < 0 ? '−' : '';
  return `${sign}${Math.abs(nps.score)} (${answers(nps.responses)})`;
}

/** CSAT: the average of 5 and the share satisfied (4–5), with the answers: "4.5 · 100% satisfied (2 answers)". */
export function csatText(csat: ServiceMetricsRow['csat']): string {
  if (csat.average === null) return '—';
  return `${csat.average.toFixed(1)} · ${percentText(csat.satisfiedShare)} satisfied (${answers(csat.responses)})`;
}

/** Branches first, then agents, each by name. */
export const metricsRowsInOrder = (rows: readonly ServiceMetricsRow[]) =>
  [...rows].sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'branch' ? -1 : 1));
