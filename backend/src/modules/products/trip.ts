// A trip, for a trip product (a definition with `trip`): the dates and the destination the agent
// gives, checked against the product and today. The policy runs from the departure to the return
// date, both days covered, so a trip from 12 to 26 January lasts 15 days.
import type { FieldError } from '../../contracts/common';
import type { ProductDefinition, Trip, TripDetails } from '../../contracts/products';

const DAY_MS = 86_400_000;

/** Days of a trip, counting the departure and the return day. */
export function tripDays(departureDate: string, returnDate: string): number {
  return Math.round((Date.parse(`${returnDate}T00:00:00Z`) - Date.parse(`${departureDate}T00:00:00Z`)) / DAY_MS) + 1;
}

/**
 * The trip as priced, or the field errors that refuse it (paths under `trip.`): the return on or
 * after the departure, at most the product's `maxDays`, no departure before `today`, and a
 * destination the product prices when its factor tables price destinations.
 */
export function checkTrip(def: ProductDefinition, input: TripDetails, today: string, path = 'trip'): { trip?: Trip; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const maxDays = def.trip?.maxDays;
  if (input.departureDate < today) errors.push({ path: `${path}.departureDate`, message: 'The trip cannot start in the past' });
  const days = tripDays(input.departureDate, input.returnDate);
  if (input.returnDate < input.departureDate) errors.push({ path: `${path}.returnDate`, message: 'Return on or after the departure date' });
  else if (maxDays !== undefined && days > maxDays) errors.push({ path: `${path}.returnDate`, message: `A trip lasts at most ${maxDays} days (this one ${days})` });
  const zones = def.factorTables.find((t) => t.input === 'destinationZone' && t.kind === 'category');
  if (zones && !zones.rows.some((r) => 'key' in r && r.key === input.destinationZone)) {
    errors.push({ path: `${path}.destinationZone`, message: `Choose one of ${zones.rows.map((r) => ('key' in r ? r.key : '')).join(', ')}` });
  }
  return errors.length ? { errors } : { trip: { ...input, days }, errors };
}
