import { dateOfBirthProblem } from '@contracts/common';
import { CreateCustomerBody, CUSTOMER_MAX_AGE_YEARS, DuplicateCheckBody, UpdateCustomerBody } from '@contracts/customers';
import type { Customer } from '@contracts/customers';
import { z } from 'zod';
import { requiredFields } from '@/lib/form-schema';
import { normalizePhone } from '@/lib/phone';

/** What the create and edit forms hold: text inputs hold strings, "" for an optional value left out. */
export interface CustomerFormValues {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  gender: Customer['gender'];
  email: string;
  phone: string;
  address: { line1: string; line2: string; city: string; region: string; postalCode: string; country: string };
  /** On the edit form: a replacement, "" to keep the current one (which is only ever shown masked). */
  nationalId: string;
  occupation: string;
  /** "1" to "4", as the select holds it. */
  occupationClass: string;
  smoker: boolean;
  preferredChannel: Customer['preferredChannel'];
  consents: { marketing: boolean; dataProcessing: boolean };
  branchId: string;
  /** "" for nobody. */
  assignedAgentId: string;
}

/** Form fields the server may name in problem+json `errors[]`, in the order the form shows them. */
export const CUSTOMER_FIELDS = [
  'firstName',
  'lastName',
  'dateOfBirth',
  'gender',
  'email',
  'phone',
  'preferredChannel',
  'address.line1',
  'address.line2',
  'address.city',
  'address.region',
  'address.postalCode',
  'address.country',
  'nationalId',
  'occupation',
  'occupationClass',
  'smoker',
  'consents.dataProcessing',
  'consents.marketing',
  'branchId',
  'assignedAgentId',
] as const;

const given = (text: string): string | undefined => (text.trim() === '' ? undefined : text.trim());

export function emptyCustomerValues(branchId: string): CustomerFormValues {
  return {
    firstName: '',
    lastName: '',
    dateOfBirth: '',
    gender: 'unspecified',
    email: '',
    phone: '',
    address: { line1: '', line2: '', city: '', region: '', postalCode: '', country: 'US' },
    nationalId: '',
    occupation: '',
    occupationClass: '1',
    smoker: false,
    preferredChannel: 'phone',
    consents: { marketing: false, dataProcessing: false },
    branchId,
    assignedAgentId: '',
  };
}

export function customerValues(customer: Customer): CustomerFormValues {
  const { address } = customer;
  return {
    firstName: customer.firstName,
    lastName: customer.lastName,
    dateOfBirth: customer.dateOfBirth,
    gender: customer.gender,
    email: customer.email ?? '',
    phone: customer.phone ?? '',
    address: { ...address, line2: address.line2 ?? '', region: address.region ?? '' },
    nationalId: '',
    occupation: customer.occupation ?? '',
    occupationClass: String(customer.occupationClass),
    smoker: customer.smoker,
    preferredChannel: customer.preferredChannel,
    consents: { marketing: customer.consents.marketing.given, dataProcessing: customer.consents.dataProcessing.given },
    branchId: customer.branchId,
    assignedAgentId: customer.assignedAgentId ?? '',
  };
}

function addressFrom(address: CustomerFormValues['address']): z.input<typeof CreateCustomerBody>['address'] {
  return {
    line1: address.line1,
    line2: given(address.line2),
    city: address.city,
    region: given(address.region),
    postalCode: address.postalCode,
    country: address.country,
  };
}

export function createBody(values: CustomerFormValues): z.input<typeof CreateCustomerBody> {
  return {
    firstName: values.firstName,
    lastName: values.lastName,
    dateOfBirth: values.dateOfBirth,
    gender: values.gender,
    email: given(values.email),
    phone: given(values.phone),
    address: addressFrom(values.address),
    nationalId: given(values.nationalId),
    occupation: given(values.occupation),
    occupationClass: Number(values.occupationClass),
    smoker: values.smoker,
    preferredChannel: values.preferredChannel,
    consents: values.consents,
    branchId: values.branchId,
    assignedAgentId: given(values.assignedAgentId),
  };
}

/** The fields the create form marks as required: those CreateCustomerBody refuses to go without. */
export const REQUIRED_CUSTOMER_FIELDS = requiredFields(CreateCustomerBody);

/**
 * What the API checks beyond the request's schema, with its rules: the date of birth against the
 * business date (`dateOfBirthProblem`, shared with the API) and the phone as a possible number of the
 * customer's country (libphonenumber-js, as the API reads it). `phone` and `country` are what the
 * API would check after this change (undefined: the phone is not checked).
 */
function checkRecord(ctx: z.RefinementCtx, today: string, record: { dateOfBirth?: string; phone?: string | null; country?: string }) {
  const birth = record.dateOfBirth !== undefined ? dateOfBirthProblem(record.dateOfBirth, today, CUSTOMER_MAX_AGE_YEARS) : undefined;
  if (birth) ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: birth });
  if (record.phone && record.country !== undefined && !normalizePhone(record.phone, record.country)) {
    ctx.addIssue({ code: 'custom', path: ['phone'], message: 'Not a valid phone number' });
  }
}

/** The create form validates what it would send with the API's own CreateCustomerBody, and what the API checks on `today` (the business date). */
export function createCustomerFormSchema(today: string) {
  return z.preprocess(
    (values: CustomerFormValues) => createBody(values),
    CreateCustomerBody.superRefine((body, ctx) => checkRecord(ctx, today, { dateOfBirth: body.dateOfBirth, phone: body.phone, country: body.address.country })),
  );
}

const sameAddress = (a: Customer['address'], b: ReturnType<typeof addressFrom>) =>
  a.line1 === b.line1.trim() &&
  (a.line2 ?? undefined) === b.line2 &&
  a.city === b.city.trim() &&
  (a.region ?? undefined) === b.region &&
  a.postalCode === b.postalCode.trim() &&
  a.country === b.country.trim().toUpperCase();

/**
 * Only what the form changed, so the audit trail records real changes and an untouched name does not
 * set off the duplicate check. Cleared optional fields are sent as null; the address goes as a whole.
 */
export function customerChanges(customer: Customer, values: CustomerFormValues): z.input<typeof UpdateCustomerBody> {
  const changes: z.input<typeof UpdateCustomerBody> = {};
  if (values.firstName.trim() !== customer.firstName) changes.firstName = values.firstName;
  if (values.lastName.trim() !== customer.lastName) changes.lastName = values.lastName;
  if (values.dateOfBirth.trim() !== customer.dateOfBirth) changes.dateOfBirth = values.dateOfBirth.trim();
  if (values.gender !== customer.gender) changes.gender = values.gender;
  const email = given(values.email) ?? null;
  if (email !== customer.email) changes.email = email;
  const phone = given(values.phone) ?? null;
  if (phone !== customer.phone) changes.phone = phone;
  const address = addressFrom(values.address);
  if (!sameAddress(customer.address, address)) changes.address = address;
  const nationalId = given(values.nationalId);
  if (nationalId !== undefined) changes.nationalId = nationalId;
  const occupation = given(values.occupation) ?? null;
  if (occupation !== customer.occupation) changes.occupation = occupation;
  const occupationClass = Number(values.occupationClass);
  if (occupationClass !== customer.occupationClass) changes.occupationClass = occupationClass;
  if (values.smoker !== customer.smoker) changes.smoker = values.smoker;
  if (values.preferredChannel !== customer.preferredChannel) changes.preferredChannel = values.preferredChannel;
  const consents: NonNullable<typeof changes.consents> = {};
  if (values.consents.marketing !== customer.consents.marketing.given) consents.marketing = values.consents.marketing;
  if (values.consents.dataProcessing !== customer.consents.dataProcessing.given) {
    consents.dataProcessing = values.consents.dataProcessing;
  }
  if (Object.keys(consents).length > 0) changes.consents = consents;
  if (values.branchId !== customer.branchId) changes.branchId = values.branchId;
  const agent = given(values.assignedAgentId) ?? null;
  if (agent !== customer.assignedAgentId) changes.assignedAgentId = agent;
  return changes;
}

/**
 * The edit form validates the changes it would send with the API's own UpdateCustomerBody, and what
 * the API checks of them on `today`: a changed date of birth; the phone when it or the country (which
 * reads national numbers) changes.
 */
export function updateCustomerFormSchema(customer: Customer, today: string) {
  return z.preprocess(
    (values: CustomerFormValues) => customerChanges(customer, values),
    UpdateCustomerBody.superRefine((changes, ctx) => {
      const country = changes.address?.country ?? customer.address.country;
      const phone = changes.phone !== undefined ? changes.phone : changes.address && customer.phone ? customer.phone : undefined;
      checkRecord(ctx, today, { dateOfBirth: changes.dateOfBirth, phone, country });
    }),
  );
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
// Shorter fragments match too many people to be worth a warning.
const PHONE_DIGITS_TO_CHECK = 6;
const NATIONAL_ID_CHARACTERS_TO_CHECK = 4;

/**
 * What the duplicate check can use of a form being typed: a complete name with a date of birth, an
 * email, a phone or a national id. Null while nothing could identify a person yet.
 */
export function duplicateDraft(values: CustomerFormValues): DuplicateCheckBody | null {
  const firstName = given(values.firstName);
  const lastName = given(values.lastName);
  const dateOfBirth = ISO_DATE.test(values.dateOfBirth.trim()) ? values.dateOfBirth.trim() : undefined;
  const email = given(values.email)?.includes('@') ? given(values.email) : undefined;
  const phone = values.phone.replace(/\D/g, '').length >= PHONE_DIGITS_TO_CHECK ? given(values.phone) : undefined;
  const nationalId = (given(values.nationalId)?.length ?? 0) >= NATIONAL_ID_CHARACTERS_TO_CHECK ? given(values.nationalId) : undefined;
  const named = firstName !== undefined && lastName !== undefined && dateOfBirth !== undefined;
  if (!named && !email && !phone && !nationalId) return null;
  const country = given(values.address.country);
  const draft = DuplicateCheckBody.safeParse({
    firstName,
    lastName,
    dateOfBirth,
    email,
    phone,
    nationalId,
    country: country?.length === 2 ? country : undefined,
  });
  return draft.success ? draft.data : null;
}
