import { POSTAL_CODE_FORMATS, postalCodeProblem } from '@contracts/postal-codes';
import { describe, expect, it } from 'vitest';

describe('postal codes by country (the rule the API and the forms share)', () => {
  it.each([
    ['US', '78701'],
    ['US', '78701-1234'],
    ['CA', 'K1A 0B1'],
    ['CA', 'k1a0b1'],
    ['GB', 'SW1A 1AA'],
    ['GB', 'M1 1AE'],
    ['GB', 'B33 8TH'],
    ['GB', 'CR2 6XH'],
    ['GB', 'DN55 1PT'],
    ['IE', 'D02 X285'],
    ['DE', '10115'],
    ['FR', '75008'],
    ['NL', '1012 AB'],
    ['PT', '1000-001'],
    ['SE', '114 55'],
    ['JP', '100-0001'],
    ['BR', '01310-100'],
    ['IN', '110001'],
    ['MX', '06600'],
  ])('accepts %s %s', (country, code) => {
    expect(postalCodeProblem(code, country)).toBeUndefined();
  });

  it.each([
    ['US', 'ABCDE'],
    ['US', '1234'],
    ['US', '123456'],
    ['US', '12345-678'],
    ['CA', 'D1A 0B1'],
    ['CA', '12345'],
    ['GB', '12345'],
    ['GB', 'SW1A'],
    ['DE', '1011'],
    ['FR', '750 08'],
    ['NL', '0123 AB'],
    ['IN', '011001'],
  ])('refuses %s %s', (country, code) => {
    expect(postalCodeProblem(code, country)).toMatch(/^Use .+, such as .+$/);
  });

  it('names the country’s format and an example', () => {
    expect(postalCodeProblem('ABCDE', 'US')).toBe('Use a US ZIP code, such as 12345 or 12345-6789');
    expect(postalCodeProblem('75 008', 'FR')).toBe('Use a postal code of France (5 digits), such as 75008');
  });

  it('takes any code for a country it has no format for, and leaves an empty code to "Required"', () => {
    expect(postalCodeProblem('whatever 42', 'NG')).toBeUndefined();
    expect(postalCodeProblem('12345', 'XX')).toBeUndefined();
    expect(postalCodeProblem('', 'US')).toBeUndefined();
    expect(postalCodeProblem('   ', 'US')).toBeUndefined();
  });

  it('reads the country in any case and the code without surrounding spaces', () => {
    expect(postalCodeProblem(' 78701 ', 'us')).toBeUndefined();
  });

  it('accepts its own example for every country it knows', () => {
    for (const [country, format] of Object.entries(POSTAL_CODE_FORMATS)) {
      for (const example of format.example.split(' or ')) expect([country, postalCodeProblem(example, country)]).toEqual([country, undefined]);
    }
  });
});
