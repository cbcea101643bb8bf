// Normalizing and checking personal data: phone numbers to E.164, national ids for the blind index,
// countries against ISO 3166-1, dates of birth against the business date.
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { ageOn, dateOfBirthProblem, type FieldError } from '../../contracts/common';
import { CUSTOMER_MAX_AGE_YEARS } from '../../contracts/customers';

export const MAX_AGE_YEARS = CUSTOMER_MAX_AGE_YEARS;

export function isIsoCountry(code: string): boolean {
  return isSupportedCountry(code);
}

/**
 * Accepts common formats ("(212) 555-0147", "+44 20 7946 0958", "0049 30 1234567"); national
 * numbers are read in the customer's country. Answers E.164 or undefined when not a possible number.
 */
export function normalizePhone(input: string, country: string): string | undefined {
  const cleaned = input.trim().replace(/^00/, '+');
  const parsed = parsePhoneNumberFromString(cleaned, isSupportedCountry(country) ? (country as CountryCode) : undefined);
  return parsed?.isPossible() ? parsed.number : undefined;
}

export const digitsOnly = (value: string) => value.replace(/\D/g, '');

/** Upper-case, no spaces or dashes: "123-45-6789" and "123 45 6789" index the same. */
export const normalizeNationalId = (value: string) => value.toUpperCase().replace(/[\s-]/g, '');

export { ageOn };

/** The shared rule (contracts/common.ts), as this module's field errors. */
export function dateOfBirthProblems(dateOfBirth: string, today: string): FieldError[] {
  const problem = dateOfBirthProblem(dateOfBirth, today, MAX_AGE_YEARS);
  return problem ? [{ path: 'dateOfBirth', message: problem }] : [];
}

export const searchName = (firstName: string, lastName: string) => `${firstName} ${lastName}`.toLowerCase();

/** The words of a name as indexed for search ("Mary-Ann de Vries" → mary, ann, de, vries). */
export const nameWords = (firstName: string, lastName: string) =>
  searchName(firstName, lastName)
    .split(/[\s-]+/)
    .filter(Boolean);
