import type { ProductDefinition } from '../../../backend/src/contracts/products';

/**
 * The life office's underwriting guide, shared by term and whole life: the documents, the medical
 * evidence by age and amount (the usual "age and amount" grid), the cases underwriters want to see,
 * and the health and lifestyle declaration.
 */
export function lifeUnderwriting(deathCoverage: string): Pick<ProductDefinition, 'requiredDocuments' | 'medicalExamRules' | 'referralRules' | 'declarationQuestions'> {
  const sumInsuredAtLeast = (amount: number) => ({ field: 'sumInsured' as const, coverage: deathCoverage, op: 'gte' as const, value: amount });
  return {
    requiredDocuments: [
      { code: 'PROOF_OF_IDENTITY', name: 'Proof of identity (passport, driving licence or national ID card)' },
      { code: 'SIGNED_APPLICATION', name: 'Signed application and declaration' },
      { code: 'PROOF_OF_INCOME', name: 'Proof of income (tax return or employer letter)', when: [sumInsuredAtLeast(1_000_000_00)] },
    ],
    medicalExamRules: [
      { code: 'AGE_50', description: 'Applicants aged 50 or over', when: [{ field: 'entryAge', op: 'gte', value: 50 }], exams: ['paramedical', 'blood_panel', 'urinalysis'] },
      { code: 'AGE_60', description: 'Applicants aged 60 or over', when: [{ field: 'entryAge', op: 'gte', value: 60 }], exams: ['ecg'] },
      { code: 'SUM_500K', description: 'Sum insured of 500,000 or more', when: [sumInsuredAtLeast(500_000_00)], exams: ['paramedical', 'blood_panel'] },
      { code: 'SUM_1M', description: 'Sum insured of 1,000,000 or more', when: [sumInsuredAtLeast(1_000_000_00)], exams: ['full_medical', 'ecg'] },
    ],
    referralRules: [
      { code: 'LARGE_SUM_INSURED', message: 'A sum insured of 1,000,000 or more needs financial underwriting.', when: [sumInsuredAtLeast(1_000_000_00)] },
      {
        code: 'OLDER_SMOKER',
        message: 'Smokers aged 50 or over are underwritten individually.',
        when: [
          { field: 'smoker', op: 'eq', value: true },
          { field: 'entryAge', op: 'gte', value: 50 },
        ],
      },
      { code: 'HAZARDOUS_OCCUPATION', message: 'Occupation class 4 (hazardous work) is underwritten individually.', when: [{ field: 'occupationClass', op: 'eq', value: 4 }] },
      { code: 'HIGH_RISK_CUSTOMER', message: "The customer's risk score is high.", when: [{ field: 'riskLevel', op: 'eq', value: 'high' }] },
    ],
    declarationQuestions: [
      {
        code: 'MEDICAL_HISTORY',
        category: 'health',
        text: 'In the past 5 years, have you been diagnosed with or treated for heart disease, stroke, cancer, diabetes or high blood pressure?',
        answerType: 'yes_no',
        detailsOnYes: true,
      },
      { code: 'MEDICATION', category: 'health', text: 'Are you currently taking any prescribed medication?', answerType: 'yes_no', detailsOnYes: true },
      { code: 'HEIGHT_CM', category: 'health', text: 'Height (cm)', answerType: 'number' },
      { code: 'WEIGHT_KG', category: 'health', text: 'Weight (kg)', answerType: 'number' },
      { code: 'TOBACCO', category: 'lifestyle', text: 'Have you used tobacco or nicotine products in the last 12 months?', answerType: 'yes_no' },
      { code: 'ALCOHOL_UNITS', category: 'lifestyle', text: 'How many alcoholic drinks do you have in a typical week?', answerType: 'number' },
      {
        code: 'HAZARDOUS_PURSUITS',
        category: 'lifestyle',
        text: 'Do you take part in hazardous activities such as diving, climbing, motor racing or private flying?',
        answerType: 'yes_no',
        detailsOnYes: true,
      },
      {
        code: 'PRIOR_DECLINE',
        category: 'prior_claims',
        text: 'Has an application of yours for life, health or disability insurance ever been declined, postponed or accepted on special terms?',
        answerType: 'yes_no',
        detailsOnYes: true,
      },
    ],
  };
}
