// Realistic, deterministic synthetic people for the demo data and the volume benchmark: faker with a
// fixed seed and reference date, plausible ages (18–90, skewed to working age), occupations with
// their risk class, US addresses with some customers abroad, E.164 phones and national ids.
import { Faker, base, en, en_US } from '@faker-js/faker';
import type { CustomerRecordInput } from '../../backend/src/modules/customers/customer-row';

const OCCUPATIONS: [name: string, occupationClass: 1 | 2 | 3 | 4, weight: number][] = [
  ['Accountant', 1, 6],
  ['Software engineer', 1, 6],
  ['Teacher', 1, 8],
  ['Lawyer', 1, 3],
  ['Office manager', 1, 6],
  ['Pharmacist', 1, 2],
  ['Graphic designer', 1, 3],
  ['Nurse', 2, 6],
  ['Retail manager', 2, 5],
  ['Chef', 2, 4],
  ['Hairdresser', 2, 3],
  ['Real estate agent', 2, 3],
  ['Paramedic', 3, 2],
  ['Electrician', 3, 4],
  ['Plumber', 3, 3],
  ['Truck driver', 3, 4],
  ['Police officer', 3, 2],
  ['Firefighter', 4, 1],
  ['Roofer', 4, 1],
  ['Commercial fisher', 4, 1],
  ['Retired', 1, 8],
  ['Student', 1, 5],
];
const AREA_CODES = ['212', '312', '415', '617', '713', '206', '303', '404', '512', '602', '305', '702', '614', '919', '503'];
const ABROAD: [country: string, weight: number][] = [
  ['CA', 4],
  ['GB', 3],
  ['MX', 2],
  ['DE', 1],
  ['IN', 1],
  ['BR', 1],
];

/**
 * A postal code in the country's format (the API refuses others: contracts/postal-codes.ts), made from
 * the digits of a US ZIP faker drew, so the random stream (and every later person) stays the same.
 */
export function postalCodeFor(country: string, zip: string): string {
  const d = zip.replace(/\D/g, '').padEnd(8, zip.replace(/\D/g, ''));
  const letter = (i: number, alphabet = 'ABCEGHJKLMNPRSTVXY') => alphabet[Number(d[i]) % alphabet.length]!;
  switch (country) {
    case 'CA':
      return `${letter(0)}${d[1]}${letter(2)} ${d[3]}${letter(4)}${d[5]}`;
    case 'GB':
      return `${letter(0, 'BELMNSW')}${letter(1, 'ABCEHLMNRSTW')}${d[2]} ${d[3]}${letter(4, 'ABDEFGHJLNPQRSTUWXYZ')}${letter(5, 'ABDEFGHJLNPQRSTUWXYZ')}`;
    case 'IN':
      return `${d[0] === '0' ? '1' : d[0]}${d.slice(1, 6)}`;
    case 'BR':
      return `${d.slice(0, 5)}-${d.slice(5, 8)}`;
    default:
      return d.slice(0, 5); // US, MX, DE: five digits
  }
}

export interface SyntheticPerson extends CustomerRecordInput {
  /** E.164. */
  phone: string;
}

export class SyntheticPeople {
  private readonly faker: Faker;
  private readonly occupationWeights: { weight: number; value: (typeof OCCUPATIONS)[number] }[];

  constructor(seed: number, refDate = '2026-01-01T00:00:00Z') {
    this.faker = new Faker({ locale: [en_US, en, base] });
    this.faker.seed(seed);
    this.faker.setDefaultRefDate(refDate);
    this.occupationWeights = OCCUPATIONS.map((o) => ({ weight: o[2], value: o }));
  }

  next(branchId: string, assignedAgentId?: string): SyntheticPerson {
    const f = this.faker;
    const sex = f.person.sexType();
    const firstName = f.person.firstName(sex);
    const lastName = f.person.lastName();
    // Working ages dominate a book of business; a long tail of older customers.
    const age = Math.min(90, Math.max(18, Math.round(f.number.float({ min: 0, max: 1 }) ** 1.3 * 62 + 18 + f.number.int({ min: -2, max: 2 }))));
    const birth = f.date.birthdate({ mode: 'age', min: age, max: age });
    const [occupation, occupationClass] = f.helpers.weightedArrayElement(this.occupationWeights);
    const abroad = f.number.int({ min: 1, max: 100 }) <= 6;
    const country = abroad ? f.helpers.weightedArrayElement(ABROAD.map(([value, weight]) => ({ value, weight }))) : 'US';
    const phone = `+1${f.helpers.arrayElement(AREA_CODES)}${f.number.int({ min: 200, max: 999 })}${String(f.number.int({ min: 0, max: 9999 })).padStart(4, '0')}`;
    const emailUser = `${firstName}.${lastName}${f.number.int({ min: 1, max: 9999 })}`.toLowerCase().replace(/[^a-z0-9.]/g, '');
    return {
      firstName,
      lastName,
      dateOfBirth: birth.toISOString().slice(0, 10),
      gender: f.helpers.weightedArrayElement([
        { value: sex === 'female' ? ('female' as const) : ('male' as const), weight: 97 },
        { value: 'non_binary' as const, weight: 1 },
        { value: 'unspecified' as const, weight: 2 },
      ]),
      email: f.number.int({ min: 1, max: 10 }) <= 9 ? `${emailUser}@${f.helpers.arrayElement(['example.com', 'example.org', 'example.net'])}` : undefined,
      phone,
      address: {
        line1: f.location.streetAddress(),
        ...(f.number.int({ min: 1, max: 5 }) === 1 ? { line2: f.location.secondaryAddress() } : {}),
        city: f.location.city(),
        region: country === 'US' ? f.location.state({ abbreviated: true }) : undefined,
        postalCode: country === 'US' ? f.location.zipCode('#####') : postalCodeFor(country, f.location.zipCode()),
        country,
      },
      nationalId: `${f.number.int({ min: 100, max: 899 })}-${f.number.int({ min: 10, max: 99 })}-${String(f.number.int({ min: 1, max: 9999 })).padStart(4, '0')}`,
      occupation,
      occupationClass,
      smoker: f.number.int({ min: 1, max: 100 }) <= 14,
      preferredChannel: f.helpers.weightedArrayElement([
        { value: 'phone' as const, weight: 4 },
        { value: 'email' as const, weight: 4 },
        { value: 'sms' as const, weight: 1 },
        { value: 'mail' as const, weight: 1 },
      ]),
      consents: { marketing: f.datatype.boolean({ probability: 0.4 }), dataProcessing: true },
      branchId,
      assignedAgentId,
    };
  }

  pick<T>(choices: { value: T; weight: number }[]): T {
    return this.faker.helpers.weightedArrayElement(choices);
  }

  int(min: number, max: number): number {
    return this.faker.number.int({ min, max });
  }
}
