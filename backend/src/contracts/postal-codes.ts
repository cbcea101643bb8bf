// Postal codes by country: the format each country's post uses, for the countries Policydesk's
// customers live in (the low-risk list of the risk score and the countries of the book abroad). A
// country not listed takes any code of 1–20 characters. Pure: the API refuses a code that does not fit
// its country (CreateCustomerBody, UpdateCustomerBody) and the console says so before sending.

export interface PostalCodeFormat {
  pattern: RegExp;
  /** How the refusal names it: "Use a US ZIP code, such as …". */
  label: string;
  example: string;
}

const format = (pattern: RegExp, label: string, example: string): PostalCodeFormat => ({ pattern, label, example });
const digits = (count: number, country: string, example: string) => format(new RegExp(`^\\d{${count}}$`), `a postal code of ${country} (${count} digits)`, example);

export const POSTAL_CODE_FORMATS: Readonly<Record<string, PostalCodeFormat>> = {
  US: format(/^\d{5}(-\d{4})?$/, 'a US ZIP code', '12345 or 12345-6789'),
  CA: format(/^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/i, 'a Canadian postal code', 'K1A 0B1'),
  GB: format(/^(GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$/i, 'a UK postcode', 'SW1A 1AA'),
  IE: format(/^([AC-FHKNPRTV-Y]\d{2}|D6W) ?[0-9AC-FHKNPRTV-Y]{4}$/i, 'an Irish Eircode', 'D02 X285'),
  DE: digits(5, 'Germany', '10115'),
  FR: digits(5, 'France', '75008'),
  IT: digits(5, 'Italy', '00184'),
  ES: format(/^(0[1-9]|[1-4]\d|5[0-2])\d{3}$/, 'a postal code of Spain (5 digits)', '28013'),
  PT: format(/^\d{4}-\d{3}$/, 'a postal code of Portugal', '1000-001'),
  NL: format(/^[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}$/i, 'a postal code of the Netherlands', '1012 AB'),
  BE: format(/^[1-9]\d{3}$/, 'a postal code of Belgium (4 digits)', '1000'),
  LU: format(/^(L-)?\d{4}$/i, 'a postal code of Luxembourg (4 digits)', '1009'),
  AT: format(/^[1-9]\d{3}$/, 'a postal code of Austria (4 digits)', '1010'),
  CH: format(/^[1-9]\d{3}$/, 'a postal code of Switzerland (4 digits)', '8001'),
  DK: digits(4, 'Denmark', '1050'),
  NO: digits(4, 'Norway', '0150'),
  SE: format(/^\d{3} ?\d{2}$/, 'a postal code of Sweden', '114 55'),
  FI: digits(5, 'Finland', '00100'),
  IS: digits(3, 'Iceland', '101'),
  PL: format(/^\d{2}-\d{3}$/, 'a postal code of Poland', '00-950'),
  AU: digits(4, 'Australia', '2000'),
  NZ: digits(4, 'New Zealand', '6011'),
  JP: format(/^\d{3}-?\d{4}$/, 'a postal code of Japan', '100-0001'),
  SG: digits(6, 'Singapore', '018956'),
  MX: digits(5, 'Mexico', '06600'),
  BR: format(/^\d{5}-?\d{3}$/, 'a postal code of Brazil (CEP)', '01310-100'),
  IN: format(/^[1-9]\d{2} ?\d{3}$/, 'an Indian PIN code', '110001'),
};

/**
 * Why `postalCode` is not a postal code of `country` (ISO 3166-1 alpha-2, any case), or undefined
 * when it is one, or when the country is not in the table (any code is taken), or nothing was given.
 */
export function postalCodeProblem(postalCode: string, country: string): string | undefined {
  const code = postalCode.trim();
  const key = country.trim().toUpperCase();
  const rule = Object.hasOwn(POSTAL_CODE_FORMATS, key) ? POSTAL_CODE_FORMATS[key] : undefined;
  if (!rule || code === '' || rule.pattern.test(code)) return undefined;
  return `Use ${rule.label}, such as ${rule.example}`;
}
