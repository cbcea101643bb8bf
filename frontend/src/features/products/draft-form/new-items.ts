// New list items, as the editor's "Add …" buttons create them, and the blank definition a new product starts from.
import type { ProductDefinition } from '@contracts/products';
import { newId } from './values';
import type {
  CashValueRowValues,
  ConditionValues,
  CoverageValues,
  DocumentValues,
  ExamRuleValues,
  FactorRowValues,
  FactorTableValues,
  QuestionValues,
  ReferralRuleValues,
  TaxValues,
} from './values';

export function newCoverage(): CoverageValues {
  return {
    id: newId(),
    code: '',
    name: '',
    required: false,
    rateBasis: 'per_1000',
    rate: '',
    sumInsured: { kind: 'range', min: '', max: '', step: '', options: [] },
    deductibleOptions: [],
  };
}

export function newFactorRow(): FactorRowValues {
  return { id: newId(), from: '', to: '', key: '', factor: '1.00' };
}

export function newFactorTable(): FactorTableValues {
  return { id: newId(), code: '', label: '', input: 'entryAge', kind: 'band', coverages: [], rows: [newFactorRow()] };
}

export function newCondition(): ConditionValues {
  return { id: newId(), field: 'entryAge', coverage: '', op: 'gte', value: '', values: [] };
}

export function newDocument(): DocumentValues {
  return { id: newId(), code: '', name: '', when: [] };
}

export function newExamRule(): ExamRuleValues {
  return { id: newId(), code: '', description: '', exams: [], when: [newCondition()] };
}

export function newReferralRule(): ReferralRuleValues {
  return { id: newId(), code: '', message: '', when: [newCondition()] };
}

export function newQuestion(): QuestionValues {
  return { id: newId(), code: '', category: 'health', text: '', answerType: 'yes_no', detailsOnYes: false };
}

export function newTaxRow(): TaxValues {
  return { id: newId(), region: '', rate: '' };
}

export function newCashValueRow(): CashValueRowValues {
  return { id: newId(), perThousand: '' };
}

/** What a new product starts from when it is not a copy: sellable nowhere until it is filled in. */
export function blankDefinition(currency: string): ProductDefinition {
  return {
    currency,
    coverages: [],
    termYears: [1],
    frequencyLoadings: { annual: '0' },
    factorTables: [],
    policyFee: 0,
    premiumTaxByRegion: {},
    minimumPremium: 0,
    lateFee: { kind: 'none' },
    eligibility: { entryAgeMin: 18, entryAgeMax: 65, smokersAllowed: true, occupationClasses: [1, 2, 3, 4], kycVerifiedRequired: false },
    requiredDocuments: [],
    medicalExamRules: [],
    referralRules: [],
    declarationQuestions: [],
  };
}
