// Phone numbers: stored E.164 by the API ("+12125550147"), read in groups ("+1 212 555 0147"), and
// checked as the API checks them before a form sends one.
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** "+12125550147" → "+1 212 555 0147". What cannot be read as a number is shown as stored. */
export function formatPhone(phone: string): string {
  return parsePhoneNumberFromString(phone)?.formatInternational() ?? phone;
}

/**
 * The API's rule (customers/personal-data.ts `normalizePhone`): common formats ("(212) 555-0147",
 * "+44 20 7946 0958", "0049 30 1234567"), national numbers read in the customer's country; E.164 of
 * a possible number, or undefined.
 */
export function normalizePhone(input: string, country: string): string | undefined {
  const cleaned = input.trim().replace(/^00/, '+');
  const parsed = parsePhoneNumberFromString(cleaned, isSupportedCountry(country) ? (country as CountryCode) : undefined);
  return parsed?.isPossible() ? parsed.number : undefined;
}
