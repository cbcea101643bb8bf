import type { Customer } from '@contracts/customers';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { issuesByPath } from '@/lib/form-schema';
import {
  createBody,
  createCustomerFormSchema,
  customerChanges,
  customerValues,
  duplicateDraft,
  emptyCustomerValues,
  REQUIRED_CUSTOMER_FIELDS,
  updateCustomerFormSchema,
} from '../customer-form';
import type { CustomerFormValues } from '../customer-form';

const BRANCH = '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b';
const OTHER_BRANCH = '6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b9c';
const AGENT = '7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d';

const customer: Customer = {
  id: '3f1c2a9e-5b7d-4c1e-9a2b-1d2e3f4a5b6c',
  customerNumber: 'C-000123',
  firstName: 'Ada',
  lastName: 'Lovelace',
  dateOfBirth: '1980-03-12',
  gender: 'female',
  email: 'ada@example.com',
  phone: '+15551234567',
  address: { line1: '1 Main St', line2: 'Apt 2', city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
  nationalIdMasked: '***-**-6789',
  occupation: 'Engineer',
  occupationClass: 1,
  smoker: false,
  preferredChannel: 'email',
  consents: { marketing: { given: true, changedAt: '2026-01-01T00:00:00.000Z' }, dataProcessing: { given: true, changedAt: '2026-01-01T00:00:00.000Z' } },
  branchId: BRANCH,
  assignedAgentId: AGENT,
  assignedAgentName: 'Alex Agent',
  status: 'active',
  statusReason: null,
  mergedIntoId: null,
  kycStatus: 'verified',
  riskScore: 12,
  riskLevel: 'low',
  version: 4,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-02-01T00:00:00.000Z',
};

const minimal: Customer = {
  ...customer,
  email: null,
  phone: null,
  occupation: null,
  assignedAgentId: null,
  assignedAgentName: null,
  address: { line1: '1 Main St', city: 'Springfield', postalCode: '62701', country: 'US' },
};

/** The business date the forms check dates of birth against. */
const TODAY = '2026-11-21';
const CreateCustomerFormSchema = createCustomerFormSchema(TODAY);
// The first message per field, as the form shows them.
const errorsOf = (result: { error?: { issues: z.core.$ZodIssue[] } }) => issuesByPath(result.error?.issues ?? []);

const changed = (c: Customer, change: (v: CustomerFormValues) => void) => {
  const values = customerValues(c);
  change(values);
  return customerChanges(c, values);
};

describe('emptyCustomerValues', () => {
  it('starts a new customer in the agent’s branch, with no consents and the usual defaults', () => {
    const values = emptyCustomerValues(BRANCH);
    expect(values).toMatchObject({
      branchId: BRANCH,
      gender: 'unspecified',
      occupationClass: '1',
      smoker: false,
      preferredChannel: 'phone',
      consents: { marketing: false, dataProcessing: false },
      assignedAgentId: '',
    });
    expect(values.address.country).toBe('US');
  });
});

describe('createBody and CreateCustomerFormSchema', () => {
  it('sends optional fields left blank as absent, trimmed when typed, and the class as a number', () => {
    const values: CustomerFormValues = {
      ...emptyCustomerValues(BRANCH),
      firstName: 'Ada',
      lastName: 'Lovelace',
      dateOfBirth: '1980-03-12',
      email: '  ',
      phone: ' +1 555 123 4567 ',
      occupationClass: '3',
    };
    values.address = { line1: '1 Main St', line2: ' ', city: 'Springfield', region: '', postalCode: '62701', country: 'US' };
    const body = createBody(values);
    expect(body).toMatchObject({ email: undefined, phone: '+1 555 123 4567', nationalId: undefined, occupation: undefined, occupationClass: 3, assignedAgentId: undefined });
    expect(body.address).toMatchObject({ line2: undefined, region: undefined });
    expect(CreateCustomerFormSchema.safeParse(values).success).toBe(true);
  });

  it('reports the API’s own objections under the form’s field paths', () => {
    const values: CustomerFormValues = { ...emptyCustomerValues(BRANCH), firstName: '', lastName: 'Lovelace', dateOfBirth: '12.03.1980', email: 'ada' };
    values.address = { ...values.address, line1: '1 Main St', city: 'Springfield', postalCode: '62701', country: 'USA' };
    const result = CreateCustomerFormSchema.safeParse(values);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['address.country', 'dateOfBirth', 'email', 'firstName']);
  });

  it('flags a bad email, a future date of birth, letters in the phone and a bad ZIP code together, in one pass', () => {
    const values: CustomerFormValues = { ...emptyCustomerValues(BRANCH), firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '2030-01-01', email: 'ada@', phone: '555-CALL-ADA' };
    values.address = { ...values.address, line1: '1 Main St', city: 'Springfield', postalCode: 'ABCDE', country: 'US' };
    expect(errorsOf(CreateCustomerFormSchema.safeParse(values))).toEqual({
      email: 'Enter a valid email address',
      dateOfBirth: 'A date of birth cannot be in the future',
      phone: 'Use digits, spaces, brackets, dots or dashes (+ for the country code)',
      'address.postalCode': 'Use a US ZIP code, such as 12345 or 12345-6789',
    });
  });

  it('says "Required" of an empty date of birth, and the format only of one typed wrongly', () => {
    const values: CustomerFormValues = { ...emptyCustomerValues(BRANCH), firstName: 'Ada', lastName: 'Lovelace' };
    values.address = { ...values.address, line1: '1 Main St', city: 'Springfield', postalCode: '62701' };
    expect(errorsOf(CreateCustomerFormSchema.safeParse(values))).toEqual({ dateOfBirth: 'Required' });
    expect(errorsOf(CreateCustomerFormSchema.safeParse({ ...values, dateOfBirth: '12/03/1980' }))).toEqual({ dateOfBirth: 'Use the format YYYY-MM-DD' });
  });

  it('checks the date of birth against the business date, and the age against 120, as the API does', () => {
    const values: CustomerFormValues = { ...customerValues(customer), dateOfBirth: TODAY };
    expect(createCustomerFormSchema(TODAY).safeParse(values).success).toBe(true);
    expect(errorsOf(createCustomerFormSchema('2026-11-20').safeParse(values))).toEqual({ dateOfBirth: 'A date of birth cannot be in the future' });
    expect(errorsOf(CreateCustomerFormSchema.safeParse({ ...values, dateOfBirth: '1900-01-01' }))).toEqual({ dateOfBirth: 'The age would be over 120' });
  });

  it('refuses a phone number that is not a possible number of the customer’s country (libphonenumber-js, as the API)', () => {
    const values = customerValues(customer);
    expect(errorsOf(CreateCustomerFormSchema.safeParse({ ...values, phone: '+1 212 55' }))).toEqual({ phone: 'Not a valid phone number' });
    expect(CreateCustomerFormSchema.safeParse({ ...values, phone: '(212) 555-0147' }).success).toBe(true);
    expect(CreateCustomerFormSchema.safeParse({ ...values, phone: '0049 30 1234567' }).success).toBe(true);
  });

  it('checks the postal code for the country: a UK postcode in the UK, any code where no format is known', () => {
    const values = customerValues(customer);
    const at = (postalCode: string, country: string) => CreateCustomerFormSchema.safeParse({ ...values, address: { ...values.address, postalCode, country } });
    expect(at('SW1A 1AA', 'GB').success).toBe(true);
    expect(errorsOf(at('62701', 'GB'))).toEqual({ 'address.postalCode': 'Use a UK postcode, such as SW1A 1AA' });
    expect(at('62701-1234', 'US').success).toBe(true);
    expect(at('whatever 1', 'NG').success).toBe(true);
  });

  it('marks the fields CreateCustomerBody cannot go without as required, and only those', () => {
    for (const field of ['firstName', 'lastName', 'dateOfBirth', 'address.line1', 'address.city', 'address.postalCode', 'address.country', 'branchId']) {
      expect(REQUIRED_CUSTOMER_FIELDS).toContain(field);
    }
    for (const field of ['email', 'phone', 'address.line2', 'address.region', 'nationalId', 'occupation', 'assignedAgentId']) {
      expect(REQUIRED_CUSTOMER_FIELDS).not.toContain(field);
    }
  });

  it('accepts the form of an existing customer as a new customer’s (the same fields, the same rules)', () => {
    expect(CreateCustomerFormSchema.safeParse(customerValues(customer)).success).toBe(true);
    expect(CreateCustomerFormSchema.safeParse(customerValues(minimal)).success).toBe(true);
  });
});

describe('customerChanges', () => {
  it('sends nothing for the form as loaded, with or without optional fields', () => {
    expect(customerChanges(customer, customerValues(customer))).toEqual({});
    expect(customerChanges(minimal, customerValues(minimal))).toEqual({});
  });

  it('does not count spaces around a name or a lower-case country as a change (the API trims and upper-cases)', () => {
    expect(
      changed(customer, (v) => {
        v.firstName = ' Ada ';
        v.address.country = 'us';
        v.address.city = 'Springfield ';
      }),
    ).toEqual({});
  });

  it('sends cleared optional fields as null', () => {
    expect(
      changed(customer, (v) => {
        v.email = '';
        v.phone = ' ';
        v.occupation = '';
        v.assignedAgentId = '';
      }),
    ).toEqual({ email: null, phone: null, occupation: null, assignedAgentId: null });
  });

  it('sends the whole address when one part of it changed, blank parts as absent', () => {
    expect(changed(customer, (v) => (v.address.line2 = ''))).toEqual({
      address: { line1: '1 Main St', line2: undefined, city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
    });
  });

  it('sends a national id only when a replacement was typed (the current one is only shown masked)', () => {
    expect(changed(customer, (v) => (v.nationalId = '   '))).toEqual({});
    expect(changed(customer, (v) => (v.nationalId = ' 123-45-6789 '))).toEqual({ nationalId: '123-45-6789' });
  });

  it('sends only the consent that changed', () => {
    expect(changed(customer, (v) => (v.consents.marketing = false))).toEqual({ consents: { marketing: false } });
  });

  it('sends each other changed field once, with the occupation class as a number', () => {
    expect(
      changed(customer, (v) => {
        v.lastName = 'King';
        v.dateOfBirth = ' 1981-03-12 ';
        v.gender = 'unspecified';
        v.occupationClass = '2';
        v.smoker = true;
        v.preferredChannel = 'sms';
        v.branchId = OTHER_BRANCH;
      }),
    ).toEqual({ lastName: 'King', dateOfBirth: '1981-03-12', gender: 'unspecified', occupationClass: 2, smoker: true, preferredChannel: 'sms', branchId: OTHER_BRANCH });
  });

  it('refuses to save a form without a change, as the API would', () => {
    const result = updateCustomerFormSchema(customer, TODAY).safeParse(customerValues(customer));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Change at least one field');
    expect(updateCustomerFormSchema(customer, TODAY).safeParse({ ...customerValues(customer), smoker: true }).success).toBe(true);
  });

  it('checks what changed as the API does: a future date of birth, a postal code of the new country, a bad phone', () => {
    const edit = (change: (v: CustomerFormValues) => void) => {
      const values = customerValues(customer);
      change(values);
      return errorsOf(updateCustomerFormSchema(customer, TODAY).safeParse(values));
    };
    expect(edit((v) => (v.dateOfBirth = '2027-01-01'))).toEqual({ dateOfBirth: 'A date of birth cannot be in the future' });
    expect(edit((v) => (v.address.country = 'GB'))).toEqual({ 'address.postalCode': 'Use a UK postcode, such as SW1A 1AA' });
    expect(edit((v) => (v.phone = '12345'))).toEqual({ phone: 'Not a valid phone number' });
    expect(edit((v) => (v.phone = ''))).toEqual({});
  });
});

describe('duplicateDraft', () => {
  const typed = (change: Partial<CustomerFormValues>) => duplicateDraft({ ...emptyCustomerValues(BRANCH), ...change });

  it('is null while nothing typed could identify a person', () => {
    expect(typed({})).toBeNull();
    expect(typed({ firstName: 'Ada', lastName: 'Lovelace' })).toBeNull();
    expect(typed({ firstName: 'Ada', dateOfBirth: '1980-03-12' })).toBeNull();
    expect(typed({ firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1980-03' })).toBeNull();
  });

  it('checks a complete name with a date of birth, and the country when it is a two-letter code', () => {
    expect(typed({ firstName: ' Ada ', lastName: 'Lovelace', dateOfBirth: '1980-03-12' })).toEqual({
      firstName: 'Ada',
      lastName: 'Lovelace',
      dateOfBirth: '1980-03-12',
      country: 'US',
    });
    const abroad = { ...emptyCustomerValues(BRANCH), email: 'ada@example.com' };
    abroad.address.country = 'gb';
    expect(duplicateDraft(abroad)?.country).toBe('GB');
    abroad.address.country = 'G';
    expect(duplicateDraft(abroad)).not.toHaveProperty('country', 'G');
  });

  it('checks an email only once it has an @', () => {
    expect(typed({ email: 'ada' })).toBeNull();
    expect(typed({ email: 'ada@' })).toMatchObject({ email: 'ada@' });
  });

  it('checks a phone from six digits and a national id from four characters: shorter fragments match too many people', () => {
    expect(typed({ phone: '555-123' })).toMatchObject({ phone: '555-123' });
    expect(typed({ phone: '555-12' })).toBeNull();
    expect(typed({ phone: '+1 (55) 1' })).toBeNull();
    expect(typed({ nationalId: '6789' })).toMatchObject({ nationalId: '6789' });
    expect(typed({ nationalId: ' 789 ' })).toBeNull();
  });
});
