// Pure figures of agent performance and surveys: medians, rates, CSAT average and share satisfied
// (4 or 5 of 5), NPS (% promoters 9–10 − % detractors 0–6).

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const rate = (hits: number, total: number): number | null => (total ? hits / total : null);

export function csatFigures(scores: readonly number[]): { responses: number; average: number | null; satisfiedShare: number | null } {
  if (!scores.length) return { responses: 0, average: null, satisfiedShare: null };
  return { responses: scores.length, average: scores.reduce((a, b) => a + b, 0) / scores.length, satisfiedShare: scores.filter((s) => s >= 4).length / scores.length };
}

export function npsFigures(scores: readonly number[]): { responses: number; score: number | null } {
  if (!scores.length) return { responses: 0, score: null };
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  return { responses: scores.length, score: Math.round(((promoters - detractors) * 1000) / scores.length) / 10 };
}

/** Rounds a share or an hours figure for the API (4 decimals; null stays null). */
export const round = (v: number | null) => (v === null ? null : Math.round(v * 10_000) / 10_000);
