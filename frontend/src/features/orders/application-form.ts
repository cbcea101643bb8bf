// The application as the agent fills it in: form values from the order, the PATCH body of what
// changed, checks before saving, and the server's error paths placed on the form's fields.
import { dateOfBirthProblem } from '@contracts/common';
import type { FieldError } from '@contracts/common';
import { Beneficiary, InsuredPerson, UpdateOrderBody } from '@contracts/orders';
import type { DeclarationAnswer, Order, UpdateOrderBody as UpdateOrderBodyType } from '@contracts/orders';
import type { DeclarationQuestion } from '@contracts/products';
import { requiredFields } from '@/lib/form-schema';

export interface BeneficiaryRow {
  /** Stable React key for the row. */
  key: string;
  name: string;
  relationship: Beneficiary['relationship'] | null;
  dateOfBirth: string;
  /** Percent; '' while empty. */
  share: number | string;
  tier: Beneficiary['tier'];
}

export interface DeclarationValue {
  /** yes_no: 'yes' | 'no' | ''; number: a number or ''; text: the words. */
  answer: string | number;
  details: string;
}

export interface PaymentValues {
  /** False while the saved (masked) method is kept; always true when there is none. */
  replace: boolean;
  type: 'card' | 'bank_account';
  cardNumber: string;
  expiryMonth: string | null;
  expiryYear: string | null;
  holderName: string;
  accountNumber: string;
  routingNumber: string;
}

export interface ApplicationFormValues {
  insuredIsPolicyholder: boolean;
  insured: { firstName: string; lastName: string; dateOfBirth: string; gender: string | null; relationship: string | null };
  beneficiaries: BeneficiaryRow[];
  declarations: Record<string, DeclarationValue>;
  payment: PaymentValues;
  requestedStartDate: string;
}

let rowCounter = 0;
export const newRowKey = () => `b${Date.now().toString(36)}${(rowCounter++).toString(36)}`;

export function emptyBeneficiary(tier: Beneficiary['tier'], share: number | string = ''): BeneficiaryRow {
  return { key: newRowKey(), name: '', relationship: null, dateOfBirth: '', share, tier };
}

function answerValue(question: DeclarationQuestion, answer: DeclarationAnswer | undefined): DeclarationValue {
  if (!answer) return { answer: '', details: '' };
  const details = answer.details ?? '';
  if (question.answerType === 'yes_no') return { answer: answer.answer === true ? 'yes' : answer.answer === false ? 'no' : '', details };
  if (question.answerType === 'number') return { answer: typeof answer.answer === 'number' ? answer.answer : '', details };
  return { answer: typeof answer.answer === 'string' ? answer.answer : String(answer.answer), details };
}

export function applicationValues(order: Order, questions: DeclarationQuestion[]): ApplicationFormValues {
  const insured = order.insured;
  return {
    insuredIsPolicyholder: insured === null,
    insured: {
      firstName: insured?.firstName ?? '',
      lastName: insured?.lastName ?? '',
      dateOfBirth: insured?.dateOfBirth ?? '',
      gender: insured?.gender ?? null,
      relationship: insured?.relationship ?? null,
    },
    beneficiaries: beneficiaryRows(order.beneficiaries),
    declarations: Object.fromEntries(questions.map((q) => [q.code, answerValue(q, order.declarations[q.code])])),
    payment: {
      replace: order.paymentMethod === null,
      type: order.paymentMethod?.type ?? 'card',
      cardNumber: '',
      expiryMonth: null,
      expiryYear: null,
      holderName: order.paymentMethod?.holderName ?? '',
      accountNumber: '',
      routingNumber: '',
    },
    requestedStartDate: order.requestedStartDate ?? '',
  };
}

/** Editable rows of a list of beneficiaries (an application's, or a policy's for a change). */
export function beneficiaryRows(list: readonly Beneficiary[]): BeneficiaryRow[] {
  return list.map((b) => ({ key: newRowKey(), name: b.name, relationship: b.relationship, dateOfBirth: b.dateOfBirth ?? '', share: b.share, tier: b.tier }));
}

/** Each tier's total in hundredths of a percent (no float drift), as the server counts it. */
export function tierTotals(rows: readonly Pick<BeneficiaryRow, 'share' | 'tier'>[]): Record<Beneficiary['tier'], number> {
  const totals = { primary: 0, contingent: 0 };
  for (const row of rows) {
    const share = typeof row.share === 'number' ? row.share : Number(row.share);
    if (Number.isFinite(share)) totals[row.tier] += Math.round(share * 100);
  }
  return totals;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** JSON with keys sorted: PostgreSQL's jsonb gives objects back in its own key order. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}
const same = (a: unknown, b: unknown) => stableJson(a) === stableJson(b);

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** The agent typed a new payment method (or there is none yet and something was typed). */
function entersPayment(p: PaymentValues): boolean {
  if (!p.replace) return false;
  return p.type === 'card' ? p.cardNumber.trim() !== '' || p.expiryMonth !== null || p.expiryYear !== null : p.accountNumber.trim() !== '' || p.routingNumber.trim() !== '';
}

function declarationAnswer(question: DeclarationQuestion, value: DeclarationValue): DeclarationAnswer | undefined {
  const details = value.details.trim();
  if (question.answerType === 'yes_no') {
    if (value.answer !== 'yes' && value.answer !== 'no') return undefined;
    const yes = value.answer === 'yes';
    return yes && question.detailsOnYes && details ? { answer: true, details } : { answer: yes };
  }
  if (question.answerType === 'number') {
    if (value.answer === '' || value.answer === null) return undefined;
    return { answer: Number(value.answer) };
  }
  const text = String(value.answer).trim();
  return text ? { answer: text } : undefined;
}

/**
 * The beneficiaries the rows describe, checked as the API checks them on `today`: every problem goes
 * into `errors` by form path (`beneficiaries.0.name`, and `beneficiaries` for the tiers' totals).
 */
export function checkBeneficiaries(rows: readonly BeneficiaryRow[], today: string, errors: Record<string, string>): Beneficiary[] {
  const beneficiaries: Beneficiary[] = [];
  rows.forEach((row, index) => {
    const path = `beneficiaries.${index}`;
    if (!row.name.trim()) errors[`${path}.name`] = 'Required';
    if (!row.relationship) errors[`${path}.relationship`] = 'Choose one';
    if (row.dateOfBirth.trim() && !ISO_DATE.test(row.dateOfBirth.trim())) errors[`${path}.dateOfBirth`] = 'Use the format YYYY-MM-DD';
    const birth = dateOfBirthProblem(row.dateOfBirth.trim(), today);
    if (birth) errors[`${path}.dateOfBirth`] ??= birth;
    const share = row.share === '' ? NaN : Number(row.share);
    if (!Number.isFinite(share) || share <= 0) errors[`${path}.share`] = 'More than 0';
    else if (share > 100) errors[`${path}.share`] = 'At most 100';
    else if (Math.abs(share * 100 - Math.round(share * 100)) > 1e-6) errors[`${path}.share`] = 'At most two decimals';
    const parsed = Beneficiary.safeParse({
      name: row.name,
      relationship: row.relationship ?? undefined,
      ...(row.dateOfBirth.trim() ? { dateOfBirth: row.dateOfBirth.trim() } : {}),
      share: Math.round(share * 100) / 100,
      tier: row.tier,
    });
    if (parsed.success) beneficiaries.push(parsed.data);
    // Whatever else the API's schema refuses (a date that does not exist), on its field too.
    else for (const issue of parsed.error.issues) errors[`${path}.${String(issue.path[0] ?? 'name')}`] ??= issue.message;
  });
  const totals = tierTotals(rows);
  for (const tier of ['primary', 'contingent'] as const) {
    if (rows.some((b) => b.tier === tier) && totals[tier] !== 100_00) {
      errors.beneficiaries ??= `The ${tier} shares add up to ${totals[tier] / 100} %, not 100 %`;
    }
  }
  if (rows.some((b) => b.tier === 'contingent') && !rows.some((b) => b.tier === 'primary')) {
    errors.beneficiaries ??= 'Name a primary beneficiary before contingent ones';
  }
  return beneficiaries;
}

export interface ApplicationCheck {
  /** Messages by form path, as `form.setErrors` takes them. */
  errors: Record<string, string>;
  /** The PATCH body of what changed; null when something must be corrected first. */
  body: UpdateOrderBodyType | null;
}

/** The fields of the insured person and of a beneficiary the API cannot go without: marked as required. */
export const REQUIRED_INSURED_FIELDS = requiredFields(InsuredPerson);
export const REQUIRED_BENEFICIARY_FIELDS = requiredFields(Beneficiary);

/**
 * Checks what was typed (not completeness: a draft may be saved half-filled; submitting checks the
 * rest) with the API's schemas and its rules on `today` (the business date: no date of birth in the
 * future), every problem at once, and builds the PATCH body of what differs from the order.
 */
export function checkApplication(order: Order, values: ApplicationFormValues, questions: DeclarationQuestion[], today: string): ApplicationCheck {
  const errors: Record<string, string> = {};
  const body: UpdateOrderBodyType = {};

  // Insured person
  if (values.insuredIsPolicyholder) {
    if (order.insured !== null) body.insured = null;
  } else {
    const i = values.insured;
    const insured = InsuredPerson.safeParse({
      firstName: i.firstName,
      lastName: i.lastName,
      dateOfBirth: i.dateOfBirth,
      gender: i.gender ?? undefined,
      relationship: i.relationship ?? undefined,
    });
    // The API's own checks: its schema, then the date of birth against the business date.
    const birth = dateOfBirthProblem(i.dateOfBirth.trim(), today);
    if (!insured.success) {
      for (const issue of insured.error.issues) {
        const field = String(issue.path[0] ?? '');
        errors[`insured.${field}`] ??= field === 'gender' || field === 'relationship' ? 'Choose one' : issue.message;
      }
    }
    if (birth) errors['insured.dateOfBirth'] ??= birth;
    if (insured.success && !birth && !same(insured.data, order.insured)) body.insured = insured.data;
  }

  // Beneficiaries
  const beneficiaries = checkBeneficiaries(values.beneficiaries, today, errors);
  if (!same(beneficiaries, order.beneficiaries)) body.beneficiaries = beneficiaries;

  // Declarations: only answered questions are sent; the server merges them into earlier answers.
  const declarations: Record<string, DeclarationAnswer> = {};
  for (const q of questions) {
    const value = values.declarations[q.code];
    if (!value) continue;
    if (q.answerType === 'number' && value.answer !== '' && (!Number.isFinite(Number(value.answer)) || Number(value.answer) < 0)) {
      errors[`declarations.${q.code}.answer`] = 'Answer with a number (0 or more)';
      continue;
    }
    const answer = declarationAnswer(q, value);
    if (answer && !same(answer, order.declarations[q.code])) declarations[q.code] = answer;
  }
  if (Object.keys(declarations).length) body.declarations = declarations;

  // Payment method: sent only when a new one was typed.
  const p = values.payment;
  if (entersPayment(p)) {
    if (!p.holderName.trim()) errors['payment.holderName'] = 'Required';
    if (p.type === 'card') {
      const digits = p.cardNumber.replace(/\s/g, '');
      if (!/^[0-9 ]{12,23}$/.test(p.cardNumber.trim()) || digits.length < 12 || digits.length > 19) errors['payment.cardNumber'] = 'Enter the card number (12 to 19 digits)';
      else if (!luhnValid(digits)) errors['payment.cardNumber'] = 'This is not a valid card number: check the digits';
      if (!p.expiryMonth) errors['payment.expiryMonth'] = 'Month';
      if (!p.expiryYear) errors['payment.expiryYear'] = 'Year';
      if (!errors['payment.cardNumber'] && p.expiryMonth && p.expiryYear && p.holderName.trim()) {
        body.paymentMethod = {
          type: 'card',
          cardNumber: p.cardNumber.trim(),
          expiryMonth: Number(p.expiryMonth),
          expiryYear: Number(p.expiryYear),
          holderName: p.holderName.trim(),
        };
      }
    } else {
      const account = p.accountNumber.trim().toUpperCase();
      const routing = p.routingNumber.trim();
      if (!/^[0-9A-Z ]{6,34}$/.test(account)) errors['payment.accountNumber'] = 'Enter the account number or IBAN (6 to 34 letters and digits)';
      if (routing && !/^[0-9]{9}$/.test(routing)) errors['payment.routingNumber'] = 'Use the 9-digit routing number';
      if (!errors['payment.accountNumber'] && !errors['payment.routingNumber'] && p.holderName.trim()) {
        body.paymentMethod = { type: 'bank_account', accountNumber: account, ...(routing ? { routingNumber: routing } : {}), holderName: p.holderName.trim() };
      }
    }
  }

  // Requested start date
  const start = values.requestedStartDate.trim();
  if (start && !ISO_DATE.test(start)) errors.requestedStartDate = 'Use the format YYYY-MM-DD';
  else if ((start || null) !== order.requestedStartDate) body.requestedStartDate = start || null;

  if (Object.keys(errors).length) return { errors, body: null };
  const parsed = UpdateOrderBody.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[issue.path.join('.') || 'form'] ??= issue.message;
    return { errors, body: null };
  }
  return { errors, body: parsed.data };
}

/** True when saving would change something. */
export function hasChanges(check: ApplicationCheck, values: ApplicationFormValues): boolean {
  return check.body ? Object.keys(check.body).length > 0 : entersPayment(values.payment) || Object.keys(check.errors).length > 0;
}

/** The server's error paths (`paymentMethod.cardNumber`, `declarations.X`) as the form's (`payment.cardNumber`, `declarations.X.answer`). */
export function formPathOf(path: string): string | null {
  if (path === 'beneficiaries' || /^beneficiaries\.\d+\.\w+$/.test(path)) return path;
  if (/^beneficiaries\.\d+$/.test(path)) return 'beneficiaries';
  const declaration = /^declarations\.([A-Z][A-Z0-9_]*)(?:\.(answer|details))?$/.exec(path);
  if (declaration) return `declarations.${declaration[1]}.${declaration[2] ?? 'answer'}`;
  if (path === 'paymentMethod') return 'payment';
  const payment = /^paymentMethod\.(\w+)$/.exec(path);
  if (payment) return `payment.${payment[1]}`;
  if (path === 'insured' || /^insured\.\w+$/.test(path)) return path;
  if (path === 'requestedStartDate') return path;
  return null;
}

export function placeApplicationErrors(errors: FieldError[]): { byField: Record<string, string>; unplaced: FieldError[] } {
  const byField: Record<string, string> = {};
  const unplaced: FieldError[] = [];
  for (const error of errors) {
    const field = formPathOf(error.path);
    if (field) byField[field] ??= error.message;
    else unplaced.push(error);
  }
  return { byField, unplaced };
}

/** Form paths in screen order, to move the keyboard to the first one with an error. */
export function applicationFieldOrder(values: ApplicationFormValues, questions: DeclarationQuestion[]): string[] {
  return [
    ...['firstName', 'lastName', 'dateOfBirth', 'gender', 'relationship'].map((f) => `insured.${f}`),
    ...values.beneficiaries.flatMap((_, i) => ['name', 'relationship', 'dateOfBirth', 'share'].map((f) => `beneficiaries.${i}.${f}`)),
    ...questions.flatMap((q) => [`declarations.${q.code}.answer`, `declarations.${q.code}.details`]),
    ...['cardNumber', 'expiryMonth', 'expiryYear', 'accountNumber', 'routingNumber', 'holderName'].map((f) => `payment.${f}`),
    'requestedStartDate',
  ];
}
