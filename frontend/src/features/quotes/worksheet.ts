// The rating worksheet as the console shows it: steps grouped by the coverage they price, then the
// steps on the whole premium, each with the running total, ending exactly on the annual premium.
import type { Quote } from '@contracts/products';
import { addDecimals, parseDecimal, ZERO } from './exact-amount';
import type { ExactDecimal } from './exact-amount';

export type WorksheetStep = NonNullable<Quote['price']>['worksheet'][number];

export interface WorksheetRow {
  step: WorksheetStep;
  amount: ExactDecimal;
  /** The premium so far, this step included. */
  runningTotal: ExactDecimal;
}

export interface WorksheetGroup {
  /** The coverage priced by the group's steps; undefined for the steps on the whole premium. */
  coverage: string | undefined;
  rows: WorksheetRow[];
  /** What the group adds to the premium. */
  subtotal: ExactDecimal;
}

export interface WorksheetView {
  groups: WorksheetGroup[];
  total: ExactDecimal;
}

export function worksheetView(steps: WorksheetStep[]): WorksheetView {
  const groups: WorksheetGroup[] = [];
  let total = ZERO;
  for (const step of steps) {
    const amount = parseDecimal(step.amount);
    total = addDecimals(total, amount);
    let group = groups.at(-1);
    if (!group || group.coverage !== step.coverage || step.kind === 'base') {
      group = { coverage: step.coverage, rows: [], subtotal: ZERO };
      groups.push(group);
    }
    group.rows.push({ step, amount, runningTotal: total });
    group.subtotal = addDecimals(group.subtotal, amount);
  }
  return { groups, total };
}

/** The worksheet adds up to the premium (the engine promises it; the console shows it). */
export function addsUpTo(view: WorksheetView, annualPremium: number): boolean {
  const diff = addDecimals(view.total, { value: -BigInt(annualPremium), scale: 0 });
  return diff.value === 0n;
}
