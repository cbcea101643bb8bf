// What an application for a quote will need, from the version's rules: medical exams, reasons
// that force manual underwriting, and documents. A rule applies when all its conditions hold.
import type { QuoteRequirements } from '../../../contracts/products';
import type { Condition, ProductDefinition } from './product-definition';
import type { QuoteRequest } from './rate-quote';

type Value = string | number | boolean | undefined;

function fieldValue(c: Condition, req: QuoteRequest): Value {
  const a = req.applicant;
  switch (c.field) {
    case 'entryAge':
      return a.entryAge;
    case 'ageAtExpiry':
      return a.entryAge + req.termYears;
    case 'termYears':
      return req.termYears;
    case 'sumInsured':
      return req.coverages.find((choice) => choice.code === c.coverage)?.sumInsured;
    case 'smoker':
      return a.smoker;
    case 'occupationClass':
      return a.occupationClass;
    case 'riskLevel':
      return a.riskLevel;
    case 'region':
      return a.region;
    default:
      return req.risk?.[c.field];
  }
}

/** True when the condition holds; a value the request does not have (no such coverage chosen) never matches. */
export function conditionHolds(c: Condition, req: QuoteRequest): boolean {
  const v = fieldValue(c, req);
  if (v === undefined) return false;
  switch (c.op) {
    case 'gte':
      return typeof v === 'number' && typeof c.value === 'number' && v >= c.value;
    case 'lte':
      return typeof v === 'number' && typeof c.value === 'number' && v <= c.value;
    case 'eq':
      return v === c.value;
    case 'in':
      return Array.isArray(c.value) && (c.value as (string | number)[]).includes(v as string | number);
  }
}

const applies = (conditions: Condition[] | undefined, req: QuoteRequest) => (conditions ?? []).every((c) => conditionHolds(c, req));

export function quoteRequirements(def: ProductDefinition, req: QuoteRequest): QuoteRequirements {
  const medicalExams: QuoteRequirements['medicalExams'] = [];
  for (const rule of def.medicalExamRules) {
    if (!applies(rule.when, req)) continue;
    // An exam asked for by several rules is listed once, under the first rule that asks.
    for (const exam of rule.exams) if (!medicalExams.some((e) => e.exam === exam)) medicalExams.push({ exam, rule: rule.code, description: rule.description });
  }
  return {
    medicalExams,
    referrals: def.referralRules.filter((r) => applies(r.when, req)).map((r) => ({ code: r.code, message: r.message })),
    documents: def.requiredDocuments.filter((d) => applies(d.when, req)).map((d) => ({ code: d.code, name: d.name })),
  };
}
