// How long a policy runs, read one way everywhere: a term in years ("20 years", "1 year"), or for a
// trip product the trip itself ("Trip 12–26 Jan 2027 (15 days)") — never "1 years" for a trip.
// Premiums read through lib/money.ts (formatPremium, premiumFigure, premiumPeriodWording), which
// call a trip's premium its single premium.
import type { DESTINATION_ZONES, Trip } from '@contracts/products';
import dayjs from 'dayjs';

export const DESTINATION_ZONE_LABELS: Record<(typeof DESTINATION_ZONES)[number], string> = {
  domestic: 'Within the country',
  europe: 'Europe',
  worldwide_excl_americas: 'Worldwide, not the Americas',
  worldwide: 'Worldwide, including the Americas',
};

/** "1 year", "20 years". */
export function yearsWording(years: number): string {
  return `${years} ${years === 1 ? 'year' : 'years'}`;
}

/** "1 day", "15 days". */
export function daysWording(days: number): string {
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}

/**
 * A span of business dates as short as it reads clearly: "12–26 Jan 2027", "28 Jan – 3 Feb 2027",
 * "28 Dec 2026 – 3 Jan 2027", or one day "12 Jan 2027".
 */
export function dateSpanWording(from: string, to: string): string {
  const a = dayjs(from);
  const b = dayjs(to);
  if (from === to) return a.format('D MMM YYYY');
  if (a.year() !== b.year()) return `${a.format('D MMM YYYY')} – ${b.format('D MMM YYYY')}`;
  if (a.month() !== b.month()) return `${a.format('D MMM')} – ${b.format('D MMM YYYY')}`;
  return `${a.format('D')}–${b.format('D MMM YYYY')}`;
}

/** Days of a trip, counting the departure and the return day (as the API does); null when the dates are not a trip. */
export function tripLength(departureDate: string, returnDate: string): number | null {
  const a = dayjs(departureDate);
  const b = dayjs(returnDate);
  if (!a.isValid() || !b.isValid() || b.isBefore(a)) return null;
  return b.diff(a, 'day') + 1;
}

/** "Trip 12–26 Jan 2027 (15 days)". */
export function tripWording(trip: Pick<Trip, 'departureDate' | 'returnDate' | 'days'>): string {
  return `Trip ${dateSpanWording(trip.departureDate, trip.returnDate)} (${daysWording(trip.days)})`;
}

/** "Trip 12–26 Jan 2027 (15 days) · Europe". */
export function tripWithDestination(trip: Trip): string {
  return `${tripWording(trip)} · ${DESTINATION_ZONE_LABELS[trip.destinationZone]}`;
}

/** The term of a quote, application or policy: its trip, or its years. */
export function termWording(record: { termYears: number | null; trip?: Trip | null }): string {
  if (record.trip) return tripWording(record.trip);
  return record.termYears === null ? '—' : yearsWording(record.termYears);
}

/** A policy's period: "Trip 12–26 Jan 2027 (15 days)", or "20 years, 1 Dec 2026 to 30 Nov 2046". */
export function policyPeriodWording(policy: { termYears: number | null; trip?: Trip | null; startDate: string; endDate: string }): string {
  if (policy.trip) return tripWording(policy.trip);
  return `${termWording(policy)}, ${dayjs(policy.startDate).format('D MMM YYYY')} to ${dayjs(policy.endDate).format('D MMM YYYY')}`;
}
